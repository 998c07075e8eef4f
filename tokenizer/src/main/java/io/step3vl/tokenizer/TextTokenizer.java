package io.step3vl.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A checkpoint's text tokenizer: Hugging Face {@code tokenizers} (Rust, through DJL) running the
 * checkpoint's tokenizer.json, so ids match transformers/vLLM exactly.
 *
 * <p>Behaviour is pinned rather than left to DJL defaults: no truncation, no padding, no special
 * tokens added by a post-processor; added tokens typed in text are matched as tokens (as in HF) unless
 * {@link #encodePlainText} is used; {@link #decode(long[], boolean)} always says whether special
 * tokens are skipped. Added tokens from added_tokens.json and tokenizer_config.json are merged in, and
 * every added token is checked to encode to its declared id after loading.
 *
 * <p>Thread-safe for encoding and decoding. Close it to free the native tokenizer.
 */
public final class TextTokenizer implements AutoCloseable {
    private final TokenizerFiles files;
    private final TokenizerConfig config;
    private final Vocabulary vocabulary;
    private final HuggingFaceTokenizer tokenizer;
    private final Object plainLock = new Object();
    private HuggingFaceTokenizer plainTokenizer; // lazily made: same file without added tokens
    private volatile boolean closed;

    private TextTokenizer(TokenizerFiles files, TokenizerConfig config, Vocabulary vocabulary,
                          HuggingFaceTokenizer tokenizer) {
        this.files = files;
        this.config = config;
        this.vocabulary = vocabulary;
        this.tokenizer = tokenizer;
    }

    /** Loads the tokenizer of a checkpoint directory (or a tokenizer.json and its sibling files). */
    public static TextTokenizer load(Path dirOrFile) {
        TokenizerFiles files = TokenizerFiles.locate(dirOrFile);
        TokenizerConfig config = files.tokenizerConfig().map(TokenizerConfig::read).orElse(TokenizerConfig.EMPTY);
        TokenizerJson.Summary summary = TokenizerJson.summarize(files.tokenizerJson());
        List<AddedToken> declared = AddedTokenMerge.merge(files, summary, config);

        Map<String, Long> asLoaded = TokenizerJson.idsAsLoaded(summary);
        boolean rewrite = declared.size() != asLoaded.size()
                || declared.stream().anyMatch(t -> !Objects.equals(asLoaded.get(t.content()), t.id()));
        HuggingFaceTokenizer native1 = rewrite ? rewritten(files, summary, declared)
                : DjlTokenizers.fromFile(files.tokenizerJson());
        List<String> wrong = misnumbered(native1, declared);
        if (!wrong.isEmpty() && !rewrite) {
            native1.close();
            native1 = rewritten(files, summary, declared);
            wrong = misnumbered(native1, declared);
        }
        if (!wrong.isEmpty()) {
            native1.close();
            throw UserError.at(files.tokenizerJson(), "added tokens do not encode to their ids: "
                    + String.join(", ", wrong.subList(0, Math.min(3, wrong.size()))));
        }
        return new TextTokenizer(files, config, vocabulary(summary, declared), native1);
    }

    private static HuggingFaceTokenizer rewritten(TokenizerFiles files, TokenizerJson.Summary summary,
                                                  List<AddedToken> declared) {
        String json = TokenizerJson.withAddedTokens(files.tokenizerJson(), summary.modelVocabSize(), declared);
        return DjlTokenizers.fromJson(json, files.tokenizerJson());
    }

    /** Added tokens whose content does not encode to exactly their declared id. */
    private static List<String> misnumbered(HuggingFaceTokenizer tokenizer, List<AddedToken> declared) {
        List<String> wrong = new ArrayList<>();
        for (AddedToken token : declared) {
            long[] ids = tokenizer.encode(token.content(), false, false).getIds();
            if (ids.length != 1 || ids[0] != token.id()) {
                wrong.add("'" + token.content() + "' (declared " + token.id() + ", got " + Arrays.toString(ids) + ")");
            }
        }
        return wrong;
    }

    private static Vocabulary vocabulary(TokenizerJson.Summary summary, List<AddedToken> declared) {
        long size = summary.modelVocabSize();
        for (AddedToken token : declared) {
            size = Math.max(size, token.id() + 1);
        }
        String[] pieces = Arrays.copyOf(summary.modelPieces(), Math.toIntExact(size));
        for (AddedToken token : declared) {
            pieces[(int) token.id()] = token.content();
        }
        return new Vocabulary(pieces, declared);
    }

    // ---- encoding ----

    /** Token ids of {@code text}; added tokens written in the text become their ids, as in HF. */
    public long[] encode(String text) {
        return idsOnly(native1(), text);
    }

    /**
     * Ids without the rest of DJL's Encoding (token strings, spans, masks, word ids are each copied
     * over JNI): about 30% less CPU per call, measured (docs/benchmarks.md "Tokenizer"). Truncation and
     * padding are configured on the native tokenizer itself, so the ids are the same.
     */
    private static long[] idsOnly(HuggingFaceTokenizer tokenizer, String text) {
        long encoding = TokenizersLibrary.LIB.encode(tokenizer.getHandle(), text, false);
        try {
            return TokenizersLibrary.LIB.getTokenIds(encoding);
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    /**
     * Token ids of untrusted text with no added-token matching: {@code "<|im_end|>"} typed by a user
     * is encoded as the characters it is made of, so it cannot end a turn or forge a role
     * (HF's {@code split_special_tokens=True}, applied to every added token).
     */
    public long[] encodePlainText(String text) {
        return idsOnly(plain(), text);
    }

    /** Ids plus each token's string and character span, for display and alignment. */
    public TokenizedText tokenize(String text) {
        Encoding encoding = native1().encode(text, false, false);
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] start = new int[spans.length];
        int[] end = new int[spans.length];
        for (int i = 0; i < spans.length; i++) {
            // tokens inserted by a post-processor have no span; DJL reports them as null
            start[i] = spans[i] == null ? -1 : spans[i].getStart();
            end[i] = spans[i] == null ? -1 : spans[i].getEnd();
        }
        return new TokenizedText(encoding.getIds(), encoding.getTokens(), start, end);
    }

    /** Encodes many texts at once (the native side spreads them over its thread pool). */
    public List<long[]> encodeBatch(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Encoding[] encodings = native1().batchEncode(texts.toArray(new String[0]), false, false);
        List<long[]> ids = new ArrayList<>(encodings.length);
        for (Encoding encoding : encodings) {
            ids.add(encoding.getIds());
        }
        return ids;
    }

    // ---- decoding ----

    /**
     * Text of {@code ids}. With {@code skipSpecialTokens} the added tokens flagged special are dropped
     * (Qwen3's {@code <think>} is not special and stays). Ids with no token decode to nothing, as in
     * HF; an incomplete UTF-8 sequence at either end becomes U+FFFD.
     */
    public String decode(long[] ids, boolean skipSpecialTokens) {
        for (long id : ids) {
            if (id < 0 || id > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("token id out of range: " + id);
            }
        }
        return ids.length == 0 ? "" : native1().decode(ids, skipSpecialTokens);
    }

    /** A decoder for tokens arriving one at a time that only ever emits whole characters. */
    public StreamingDecoder streamingDecoder(boolean skipSpecialTokens) {
        return new StreamingDecoder(this, skipSpecialTokens);
    }

    // ---- vocabulary and special tokens ----

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** One past the largest token id. */
    public int vocabSize() {
        return vocabulary.size();
    }

    /** The id of an added token by its content (e.g. {@code <im_patch>}), or of a model piece. */
    public OptionalLong tokenId(String content) {
        return vocabulary.id(content);
    }

    /** Like {@link #tokenId} but a missing token is a {@link UserError} naming the tokenizer file. */
    public long requireTokenId(String content) {
        OptionalLong id = tokenId(content);
        if (id.isEmpty()) {
            throw UserError.at(files.tokenizerJson(), "no token '" + content
                    + "'; expected it among the added tokens of this checkpoint's tokenizer");
        }
        return id.getAsLong();
    }

    /** Whether {@code text} contains the content of any added token (a possible injection). */
    public boolean containsAddedToken(String text) {
        for (AddedToken token : vocabulary.addedTokens()) {
            if (text.contains(token.content())) {
                return true;
            }
        }
        return false;
    }

    public TokenizerConfig config() {
        return config;
    }

    public TokenizerFiles files() {
        return files;
    }

    /** The named special tokens for chat templates: bos_token, eos_token, pad_token, unk_token. */
    public Map<String, String> namedSpecialTokens() {
        Map<String, String> named = new LinkedHashMap<>();
        config.bosToken().ifPresent(t -> named.put("bos_token", t));
        config.eosToken().ifPresent(t -> named.put("eos_token", t));
        config.padToken().ifPresent(t -> named.put("pad_token", t));
        config.unkToken().ifPresent(t -> named.put("unk_token", t));
        return named;
    }

    // ---- lifecycle ----

    private HuggingFaceTokenizer native1() {
        if (closed) {
            throw new IllegalStateException("tokenizer is closed");
        }
        return tokenizer;
    }

    private HuggingFaceTokenizer plain() {
        native1();
        synchronized (plainLock) {
            if (plainTokenizer == null) {
                com.fasterxml.jackson.databind.node.ObjectNode root =
                        (com.fasterxml.jackson.databind.node.ObjectNode) Json.readTree(files.tokenizerJson());
                root.set("added_tokens", Json.MAPPER.createArrayNode());
                plainTokenizer = DjlTokenizers.fromJson(Json.line(root), files.tokenizerJson());
            }
            return plainTokenizer;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tokenizer.close();
        synchronized (plainLock) {
            if (plainTokenizer != null) {
                plainTokenizer.close();
            }
        }
    }

    @Override
    public String toString() {
        return "TextTokenizer[" + files.tokenizerJson() + ", " + vocabulary.size() + " ids, "
                + vocabulary.addedTokens().size() + " added tokens]";
    }
}
