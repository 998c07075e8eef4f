package io.step3vl.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.eval.score.AnswerType;
import io.step3vl.eval.score.Reference;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ImageData;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Streams items from a VLMEvalKit-style TSV (as pandas writes it: a header row, tab-separated,
 * fields with tabs/quotes/newlines double-quoted). Columns: {@code index} and {@code question}
 * (required), {@code answer} (required), {@code image} (base64, a path, a list of either written as
 * a JSON/Python list string, or — VLMEvalKit's de-duplication — the {@code index} of another row
 * whose image to reuse), {@code image_path}, {@code hint}, option columns {@code A}..{@code J},
 * {@code category}, {@code l2-category}, and optionally {@code answer_type}. Other columns become
 * metadata. Empty cells and pandas' {@code nan} count as missing.
 */
final class TsvItems implements ItemStream {
    private static final CSVFormat FORMAT = CSVFormat.TDF.builder()
            .setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(false).setTrim(false)
            .setAllowMissingColumnNames(true).setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY)
            .setIgnoreEmptyLines(true)
            .get();
    private static final List<String> OPTION_COLUMNS = List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J");
    private static final Set<String> KNOWN = Set.of("index", "image", "image_path", "question", "hint", "answer",
            "category", "l2-category", "l2_category", "answer_type", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'|\"([^\"]*)\"");

    private final DatasetSpec spec;
    private final ItemImages images;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int total;
    /** Indices whose image other rows point at, and those images once read. */
    private final Set<String> referenced;
    private final Map<String, List<ImageData>> sharedImages = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private int produced;
    private EvalItem next;

    TsvItems(DatasetSpec spec) {
        this.spec = spec;
        this.images = new ItemImages(spec.path().toAbsolutePath().getParent());
        Prepass pre = prepass(spec);
        this.total = pre.rows;
        this.referenced = pre.referenced;
        this.parser = open(spec);
        checkHeader(parser.getHeaderNames());
        this.records = parser.iterator();
    }

    private record Prepass(int rows, Set<String> referenced) {}

    /** One cheap pass: the row count (limit applied) and which rows' images others reuse. */
    private static Prepass prepass(DatasetSpec spec) {
        Set<String> refs = new HashSet<>();
        int rows = 0;
        try (CSVParser p = open(spec)) {
            boolean hasImage = p.getHeaderMap().containsKey("image");
            for (CSVRecord r : p) {
                if (spec.limit() == 0 || rows < spec.limit()) {
                    rows++;
                }
                if (hasImage && r.isSet("image")) {
                    String cell = r.get("image").strip();
                    if (isIndexReference(cell)) {
                        refs.add(cell);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw UserError.at(spec.path(), "cannot read as TSV: " + e.getMessage());
        }
        return new Prepass(rows, refs);
    }

    private static boolean isIndexReference(String cell) {
        return !cell.isEmpty() && cell.length() <= 64 && !cell.startsWith("[") && !ItemImages.looksLikePath(cell);
    }

    private static CSVParser open(DatasetSpec spec) {
        try {
            Reader in = Files.newBufferedReader(spec.path(), StandardCharsets.UTF_8);
            return CSVParser.builder().setReader(in).setFormat(FORMAT).get();
        } catch (NoSuchFileException e) {
            throw UserError.at(spec.path(), "no such file");
        } catch (IOException | UncheckedIOException e) {
            throw UserError.at(spec.path(), "cannot read as TSV: " + e.getMessage());
        }
    }

    private void checkHeader(List<String> header) {
        for (String required : List.of("index", "question", "answer")) {
            if (!header.contains(required)) {
                throw UserError.at(spec.path() + ":1", "header: expected a '" + required
                        + "' column (VLMEvalKit TSV: index, image, question, hint, A..J, answer, category, l2-category); got "
                        + String.join(", ", header));
            }
        }
    }

    @Override
    public int total() {
        return total;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (spec.limit() > 0 && produced >= spec.limit()) {
            return false;
        }
        long line = parser.getCurrentLineNumber() + 1;
        boolean more;
        try {
            more = records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new UserError(spec.path() + ":" + line + ": malformed TSV row: " + e.getMessage());
        }
        if (!more) {
            return false;
        }
        next = parse(records.next(), spec.path() + ":" + line);
        produced++;
        return true;
    }

    @Override
    public EvalItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        EvalItem item = next;
        next = null;
        return item;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // read-only
        }
    }

    private EvalItem parse(CSVRecord r, String where) {
        if (!r.isConsistent()) {
            throw new UserError(where + ": expected " + parser.getHeaderNames().size() + " tab-separated columns, got "
                    + r.size() + " (unquoted tab or newline in a field?)");
        }
        String id = cell(r, "index");
        if (id == null) {
            throw new UserError(where + ": index: expected a row id");
        }
        if (!seen.add(id)) {
            throw new UserError(where + ": index: '" + id + "' appears twice; ids must be unique within a dataset");
        }
        String question = cell(r, "question");
        if (question == null) {
            throw new UserError(where + ": question: expected the question text");
        }
        String answer = cell(r, "answer");
        if (answer == null) {
            throw new UserError(where + ": answer: expected the reference answer");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String letter : OPTION_COLUMNS) {
            String text = cell(r, letter);
            if (text != null) {
                options.put(letter, text);
            }
        }
        String hint = cell(r, "hint");
        List<ImageData> imgs = images(r, id, where);
        PromptTemplate template = spec.prompt() != null ? spec.prompt()
                : options.isEmpty() ? PromptTemplate.OPEN : PromptTemplate.MCQ;
        List<ChatMessage> messages = new ArrayList<>();
        if (spec.system() != null && !spec.system().isEmpty()) {
            messages.add(ChatMessage.system(spec.system()));
        }
        messages.add(ChatMessage.user(template.render(question, hint, options), imgs));
        String typeCell = cell(r, "answer_type");
        AnswerType type = spec.answerType() != null ? spec.answerType()
                : typeCell != null ? AnswerType.parse(typeCell, where + ": answer_type")
                : options.isEmpty() ? AnswerType.TEXT : AnswerType.CHOICE;
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (String column : parser.getHeaderNames()) {
            if (!column.isEmpty() && !KNOWN.contains(column)) {
                String v = cell(r, column);
                if (v != null) {
                    metadata.put(column, v);
                }
            }
        }
        Reference ref = ReferenceBuilder.build(List.of(answer), type, options, metadata, imgs, where);
        String l2 = cell(r, "l2-category");
        return new EvalItem(id, messages, ref, cell(r, "category"), l2 != null ? l2 : cell(r, "l2_category"), metadata, where);
    }

    private List<ImageData> images(CSVRecord r, String id, String where) {
        List<ImageData> out = new ArrayList<>();
        String cell = cell(r, "image");
        if (cell != null) {
            if (isIndexReference(cell)) {
                List<ImageData> shared = sharedImages.get(cell);
                if (shared == null) {
                    throw new UserError(where + ": image: '" + cell + "' is not image data, a path, or the index of an "
                            + "earlier row with an image");
                }
                out.addAll(shared);
            } else {
                for (String one : listOrSingle(cell)) {
                    out.add(ItemImages.looksLikePath(one) ? images.load(one, where + ": image")
                            : images.fromBase64(one, where));
                }
            }
        } else {
            String paths = cell(r, "image_path");
            if (paths != null) {
                for (String one : listOrSingle(paths)) {
                    out.add(images.load(one, where + ": image_path"));
                }
            }
        }
        if (referenced.contains(id) && !out.isEmpty()) {
            sharedImages.put(id, List.copyOf(out));
        }
        return out;
    }

    /** A cell holding one value, or a list written as JSON ({@code ["a", "b"]}) or Python ({@code ['a', 'b']}). */
    static List<String> listOrSingle(String cell) {
        String t = cell.strip();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            return List.of(t);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(t);
            if (node.isArray()) {
                List<String> out = new ArrayList<>();
                node.forEach(n -> out.add(n.asText()));
                return out;
            }
        } catch (IOException notJson) {
            // Python repr: single quotes
        }
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(t);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out.isEmpty() ? List.of(t) : out;
    }

    private static String cell(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column)) {
            return null;
        }
        String v = r.get(column);
        String t = v.strip();
        return t.isEmpty() || t.toLowerCase(Locale.ROOT).equals("nan") ? null : v;
    }
}
