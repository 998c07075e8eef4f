package io.step3vl.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.eval.score.AnswerType;
import io.step3vl.eval.score.ScorerRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A suite file (YAML or JSON): the datasets of a benchmark run with their prompts and scorers, and
 * optionally the modes, sampling settings, seed and verifier. Paths are relative to the suite file.
 * Every problem in the file is reported at once, each naming its key.
 *
 * <pre>
 * name: shapes-mini
 * modes: [sere, "majority:4"]
 * sampling: {temperature: 0, max_tokens: 512}
 * prompts:
 *   short: "{question}\nAnswer with one word."
 * datasets:
 *   - {name: mcq, path: mini.tsv, scorer: choice}
 *   - {name: shapes, path: shapes.jsonl, prompt: short, scorer_options: {rel_tol: 0.01}}
 * </pre>
 *
 * @param sampling {@code temperature}, {@code top_p}, {@code top_k}, {@code min_p}, {@code repetition_penalty},
 *                 {@code max_tokens}, {@code thinking} as given (absent keys are absent)
 */
public record Suite(String name, Path file, List<DatasetSpec> datasets, List<String> modes, Map<String, Object> sampling,
                    Long seed, Boolean scoreReasoning, String verifier) {
    private static final Set<String> TOP_KEYS = Set.of("name", "datasets", "modes", "sampling", "seed",
            "score_reasoning", "verifier", "prompts");
    private static final Set<String> DATASET_KEYS = Set.of("name", "path", "format", "scorer", "scorer_options",
            "prompt", "system", "answer_type", "limit");
    private static final Set<String> SAMPLING_KEYS = Set.of("temperature", "top_p", "top_k", "min_p",
            "repetition_penalty", "max_tokens", "thinking");

    public Suite {
        datasets = List.copyOf(datasets);
        modes = List.copyOf(modes);
        sampling = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sampling));
    }

    /** Reads and validates a suite file; datasets must exist. */
    public static Suite load(Path file) {
        JsonNode root = Json.readTree(file);
        List<String> errors = new ArrayList<>();
        if (!root.isObject()) {
            throw UserError.at(file, "expected a mapping with a 'datasets' list");
        }
        unknownKeys(root, TOP_KEYS, "", errors);
        Path dir = file.toAbsolutePath().getParent();
        Map<String, PromptTemplate> prompts = prompts(root.get("prompts"), errors);
        List<DatasetSpec> datasets = new ArrayList<>();
        JsonNode ds = root.get("datasets");
        if (ds == null || !ds.isArray() || ds.isEmpty()) {
            errors.add("datasets: expected a non-empty list of {name, path, ...}");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < ds.size(); i++) {
                DatasetSpec spec = dataset(ds.get(i), "datasets[" + i + "]", dir, prompts, errors);
                if (spec != null && !names.add(spec.name())) {
                    errors.add("datasets[" + i + "].name: '" + spec.name() + "' is used twice");
                }
                if (spec != null) {
                    datasets.add(spec);
                }
            }
        }
        List<String> modes = new ArrayList<>();
        JsonNode m = root.get("modes");
        if (m != null) {
            if (m.isTextual()) {
                modes.add(m.asText());
            } else if (m.isArray()) {
                m.forEach(x -> modes.add(x.asText()));
            } else {
                errors.add("modes: expected a list such as [sere, \"pacore:16\"]");
            }
        }
        Map<String, Object> sampling = new LinkedHashMap<>();
        JsonNode s = root.get("sampling");
        if (s != null) {
            if (!s.isObject()) {
                errors.add("sampling: expected a mapping");
            } else {
                unknownKeys(s, SAMPLING_KEYS, "sampling.", errors);
                s.fields().forEachRemaining(e -> {
                    JsonNode v = e.getValue();
                    if (e.getKey().equals("thinking")) {
                        if (!v.isBoolean()) {
                            errors.add("sampling.thinking: expected true or false");
                        }
                        sampling.put(e.getKey(), v.asBoolean());
                    } else if (!v.isNumber()) {
                        errors.add("sampling." + e.getKey() + ": expected a number, got '" + v.asText() + "'");
                    } else {
                        sampling.put(e.getKey(), v.numberValue());
                    }
                });
            }
        }
        Long seed = null;
        if (root.has("seed")) {
            if (!root.get("seed").canConvertToLong()) {
                errors.add("seed: expected an integer");
            } else {
                seed = root.get("seed").asLong();
            }
        }
        Boolean scoreReasoning = null;
        if (root.has("score_reasoning")) {
            if (!root.get("score_reasoning").isBoolean()) {
                errors.add("score_reasoning: expected true or false");
            } else {
                scoreReasoning = root.get("score_reasoning").asBoolean();
            }
        }
        String verifier = root.hasNonNull("verifier") ? root.get("verifier").asText() : null;
        if (!errors.isEmpty()) {
            throw UserError.at(file, String.join("; ", errors));
        }
        String name = root.hasNonNull("name") ? root.get("name").asText() : stem(file);
        return new Suite(name, file, datasets, modes, sampling, seed, scoreReasoning, verifier);
    }

    private static Map<String, PromptTemplate> prompts(JsonNode node, List<String> errors) {
        Map<String, PromptTemplate> out = new HashMap<>();
        out.put("mcq", PromptTemplate.MCQ);
        out.put("open", PromptTemplate.OPEN);
        out.put("verbatim", PromptTemplate.VERBATIM);
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            errors.add("prompts: expected a mapping of name to template");
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String at = "prompts." + e.getKey();
            if (v.isTextual()) {
                out.put(e.getKey(), new PromptTemplate(e.getKey(), v.asText(), null, null));
            } else if (v.isObject() && v.path("template").isTextual()) {
                unknownKeys(v, Set.of("template", "hint", "option"), at + ".", errors);
                out.put(e.getKey(), new PromptTemplate(e.getKey(), v.get("template").asText(),
                        v.hasNonNull("hint") ? v.get("hint").asText() : null,
                        v.hasNonNull("option") ? v.get("option").asText() : null));
            } else {
                errors.add(at + ": expected a template string or {template, hint, option}");
            }
        }
        return out;
    }

    private static DatasetSpec dataset(JsonNode d, String at, Path dir, Map<String, PromptTemplate> prompts,
                                       List<String> errors) {
        if (!d.isObject()) {
            errors.add(at + ": expected a mapping with at least 'path'");
            return null;
        }
        int before = errors.size();
        unknownKeys(d, DATASET_KEYS, at + ".", errors);
        if (!d.path("path").isTextual()) {
            errors.add(at + ".path: expected the item file, relative to the suite file");
            return null;
        }
        Path path = dir.resolve(d.get("path").asText()).normalize();
        if (!Files.isRegularFile(path)) {
            errors.add(at + ".path: no such file " + path);
        }
        DatasetFormat format = null;
        try {
            format = DatasetFormat.of(d.hasNonNull("format") ? d.get("format").asText() : null, path);
        } catch (UserError e) {
            errors.add(at + ".format: " + e.getMessage());
        }
        String scorer = d.hasNonNull("scorer") ? d.get("scorer").asText() : "auto";
        Map<String, Object> scorerOptions = new LinkedHashMap<>();
        if (d.has("scorer_options")) {
            if (!d.get("scorer_options").isObject()) {
                errors.add(at + ".scorer_options: expected a mapping");
            } else {
                d.get("scorer_options").fields().forEachRemaining(e -> scorerOptions.put(e.getKey(),
                        e.getValue().isNumber() ? e.getValue().numberValue()
                                : e.getValue().isBoolean() ? (Object) e.getValue().asBoolean() : e.getValue().asText()));
            }
        }
        try {
            ScorerRegistry.create(scorer, scorerOptions);
        } catch (UserError e) {
            errors.add(at + ": " + e.getMessage());
        }
        PromptTemplate prompt = null;
        if (d.hasNonNull("prompt")) {
            prompt = prompts.get(d.get("prompt").asText());
            if (prompt == null) {
                errors.add(at + ".prompt: no prompt named '" + d.get("prompt").asText() + "' (define it under prompts, "
                        + "or use mcq, open or verbatim)");
            }
        }
        AnswerType answerType = null;
        if (d.hasNonNull("answer_type")) {
            try {
                answerType = AnswerType.parse(d.get("answer_type").asText(), at + ".answer_type");
            } catch (UserError e) {
                errors.add(e.getMessage());
            }
        }
        int limit = 0;
        if (d.has("limit")) {
            if (!d.get("limit").canConvertToInt() || d.get("limit").asInt() < 0) {
                errors.add(at + ".limit: expected a non-negative integer");
            } else {
                limit = d.get("limit").asInt();
            }
        }
        if (errors.size() > before || format == null) {
            return null;
        }
        String name = d.hasNonNull("name") ? d.get("name").asText() : stem(path);
        String system = d.hasNonNull("system") ? d.get("system").asText() : null;
        return new DatasetSpec(name, path, format, scorer, scorerOptions, prompt, system, answerType, limit);
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String prefix, List<String> errors) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                errors.add(prefix + k + ": unknown key (expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        });
    }

    private static String stem(Path p) {
        String f = p.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }
}
