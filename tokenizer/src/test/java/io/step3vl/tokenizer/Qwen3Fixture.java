package io.step3vl.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The real Qwen3 tokenizer and its 211-row corpus (copied from shared/fixtures/tokenizer/qwen3, see
 * src/test/resources/qwen3/README.fixture.md), unpacked once per test JVM into a temp checkpoint dir.
 */
public final class Qwen3Fixture {
    private static Path dir;
    private static TextTokenizer tokenizer;

    private Qwen3Fixture() {}

    /** A fresh temp dir holding tokenizer.json and tokenizer_config.json. */
    public static synchronized Path checkpointDir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("qwen3-tokenizer");
                dir.toFile().deleteOnExit();
                try (InputStream in = new GZIPInputStream(resource("qwen3/tokenizer.json.gz"))) {
                    Files.copy(in, dir.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
                }
                try (InputStream in = resource("qwen3/tokenizer_config.json")) {
                    Files.copy(in, dir.resolve("tokenizer_config.json"), StandardCopyOption.REPLACE_EXISTING);
                }
                dir.resolve("tokenizer.json").toFile().deleteOnExit();
                dir.resolve("tokenizer_config.json").toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** One shared loaded tokenizer (loading the 11 MB file takes a second). */
    public static synchronized TextTokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = TextTokenizer.load(checkpointDir());
        }
        return tokenizer;
    }

    public static List<JsonNode> corpus() {
        return jsonl("qwen3/corpus.jsonl");
    }

    public static List<JsonNode> decodePartial() {
        return jsonl("qwen3/decode_partial.jsonl");
    }

    public static JsonNode row(String name) {
        return corpus().stream().filter(r -> r.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no corpus row " + name));
    }

    public static long[] ids(JsonNode array) {
        long[] ids = new long[array.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = array.get(i).asLong();
        }
        return ids;
    }

    static List<JsonNode> jsonl(String name) {
        try (InputStream in = resource(name)) {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(Json.MAPPER.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Qwen3Fixture.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }
}
