package io.step3vl.tokenizer.toy;

import io.step3vl.common.AtomicFiles;
import io.step3vl.tokenizer.TextTokenizer;
import io.step3vl.tokenizer.TokenizerFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tokenizer of the {@code tiny} preset, shipped as resources (contract §3): ids 0–255 are the 256
 * bytes, 256–495 the merges learned on shapes-world text, 496 {@code <|endoftext|>} (bos), 497
 * {@code <|im_start|>}, 498 {@code <|im_end|>} (eos, with 496), 499/500 {@code <think>}/{@code </think>},
 * 501 {@code <im_patch>} (= image_token_id), 502–506 the other image markers, 507–511 reserved.
 *
 * <p>How it was made (docs/tokenizer.md): {@code step3vl tokenizer train --corpus
 * tokenizer/src/test/resources/toy/shapes-corpus.txt.gz --vocab-size 512 --out DIR};
 * ToyTokenizerTest retrains it from that corpus and checks the shipped files are byte-identical.
 */
public final class ToyTokenizer {
    public static final int VOCAB_SIZE = 512;
    public static final int BOS_TOKEN_ID = 496;
    public static final List<Integer> EOS_TOKEN_IDS = List.of(498, 496);
    public static final int IMAGE_TOKEN_ID = 501;
    /** Merges learned on the corpus: 512 - 256 bytes - 16 special tokens. */
    public static final int MERGES = VOCAB_SIZE - 256 - ToolkitTokenizerWriter.SPECIAL_TOKENS.size();

    static final String RESOURCE_DIR = "io/step3vl/tokenizer/toy/";
    static final List<String> FILES = List.of(TokenizerFiles.TOKENIZER_JSON,
            TokenizerFiles.TOKENIZER_CONFIG_JSON, TokenizerFiles.CHAT_TEMPLATE_JINJA);

    private ToyTokenizer() {}

    /** Writes tokenizer.json, tokenizer_config.json and chat_template.jinja into {@code dir} (atomically, per file). */
    public static void writeTo(Path dir) {
        for (String name : FILES) {
            AtomicFiles.writeBytes(dir.resolve(name), resource(name));
        }
    }

    /** Loads the toy tokenizer (from a temporary copy that is deleted when the JVM exits). */
    public static TextTokenizer load() {
        try {
            Path dir = Files.createTempDirectory("step3vl-toy-tokenizer");
            writeTo(dir);
            dir.toFile().deleteOnExit();
            for (String name : FILES) {
                dir.resolve(name).toFile().deleteOnExit();
            }
            return TextTokenizer.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the toy tokenizer", e);
        }
    }

    /** The bytes of one shipped file. */
    public static byte[] resource(String name) {
        try (InputStream in = ToyTokenizer.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE_DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
