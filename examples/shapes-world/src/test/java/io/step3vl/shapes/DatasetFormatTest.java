package io.step3vl.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.shapes.output.ShardCompression;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated files follow the toolkit's data formats (Contracts §4) in both JSONL and WebDataset form. */
class DatasetFormatTest {
    @TempDir
    static Path tmp;
    static Path out;
    static GenerationSummary summary;

    @BeforeAll
    static void generate() {
        out = tmp.resolve("shapes");
        ShapesConfig config = ShapesConfig.builder(11, 40).rlN(16).benchPerCategory(5).docsN(4).textN(10)
                .textSftN(10).format(OutputFormat.BOTH).compression(ShardCompression.ZSTD).shardSize(16).build();
        summary = new ShapesGenerator(config).generate(out);
    }

    static List<JsonNode> jsonl(String name) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(name))) {
            rows.add(Json.MAPPER.readTree(line));
        }
        return rows;
    }

    /** key → (extension → bytes), samples in shard order. */
    static Map<String, Map<String, byte[]>> shard(String name) throws Exception {
        Map<String, Map<String, byte[]>> samples = new LinkedHashMap<>();
        try (InputStream in = new ZstdCompressorInputStream(Files.newInputStream(out.resolve("wds").resolve(name)));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String member = e.getName();
                int dot = member.indexOf('.');
                assertThat(e.getModTime().getTime()).isZero();
                samples.computeIfAbsent(member.substring(0, dot), k -> new LinkedHashMap<>())
                        .put(member.substring(dot + 1), tar.readAllBytes());
            }
        }
        return samples;
    }

    @Test
    void sftConversationsHaveAnImageQuestionAndAShortAnswer() throws Exception {
        List<JsonNode> rows = jsonl("sft.jsonl");
        assertThat(rows).hasSize(40);
        int withReasoning = 0;
        for (JsonNode r : rows) {
            JsonNode user = r.get("messages").get(0);
            JsonNode assistant = r.get("messages").get(1);
            assertThat(user.get("role").asText()).isEqualTo("user");
            assertThat(user.get("content").get(0).get("type").asText()).isEqualTo("image");
            String image = user.get("content").get(0).get("image").asText();
            assertThat(out.resolve(image)).isRegularFile();
            assertThat(user.get("content").get(1).get("type").asText()).isEqualTo("text");
            assertThat(assistant.get("role").asText()).isEqualTo("assistant");
            assertThat(assistant.get("content").asText()).isNotBlank().hasSizeLessThan(24);
            // every turn says its thinking mode: a trace, or empty (the thinking-off form)
            assertThat(assistant.has("reasoning_content")).isTrue();
            if (!assistant.get("reasoning_content").asText().isEmpty()) {
                withReasoning++;
            }
        }
        assertThat(withReasoning).isBetween(8, 32);
        assertThat(ImageIO.read(out.resolve(rows.get(0).at("/messages/0/content/0/image").asText()).toFile()).getWidth())
                .isEqualTo(224);
    }

    @Test
    void evalItemsCarryAnswerTypeCategoryAndMetadata() throws Exception {
        List<JsonNode> bench = jsonl("bench.jsonl");
        assertThat(bench).hasSize(5 * 8);
        Map<String, Integer> perCategory = new LinkedHashMap<>();
        for (JsonNode item : bench) {
            assertThat(item.has("id") && item.has("answer") && item.has("answer_type") && item.has("metadata")).isTrue();
            assertThat(item.get("messages")).hasSize(1);
            perCategory.merge(item.get("category").asText(), 1, Integer::sum);
            if (item.get("answer_type").asText().equals("choice")) {
                assertThat(item.get("options").has(item.get("answer").asText())).isTrue();
            }
        }
        assertThat(perCategory).hasSize(8).allSatisfy((k, v) -> assertThat(v).isEqualTo(5));
        assertThat(jsonl("rl.jsonl")).hasSize(16).allSatisfy(r -> assertThat(r.get("answer_type").asText())
                .isIn("choice", "number", "text", "ocr", "box", "point"));
    }

    @Test
    void benchmarkScenesNeverRepeatATrainingOrRlScene() throws Exception {
        Set<String> trainScenes = new HashSet<>();
        List<JsonNode> benchScenes = new ArrayList<>();
        for (JsonNode scene : jsonl("scenes.jsonl")) {
            String key = scene.get("objects").toString() + scene.get("text").toString();
            if (scene.get("split").asText().equals("bench")) {
                benchScenes.add(scene);
            } else {
                trainScenes.add(key);
            }
        }
        assertThat(benchScenes).hasSize(40);
        for (JsonNode scene : benchScenes) {
            boolean empty = scene.get("objects").isEmpty() && scene.get("text").isNull();
            if (!empty) {
                assertThat(trainScenes).doesNotContain(scene.get("objects").toString() + scene.get("text").toString());
            }
        }
    }

    @Test
    void pretrainingFilesAreCaptionsDocumentsAndText() throws Exception {
        JsonNode caption = jsonl("pretrain-captions.jsonl").get(0);
        assertThat(caption.get("content").get(0).get("type").asText()).isEqualTo("image");
        assertThat(caption.get("content").get(1).get("text").asText()).startsWith("A picture with");
        for (JsonNode doc : jsonl("pretrain-interleaved.jsonl")) {
            long images = 0;
            for (JsonNode part : doc.get("content")) {
                if (part.get("type").asText().equals("image")) {
                    images++;
                    assertThat(out.resolve(part.get("image").asText())).isRegularFile();
                }
            }
            assertThat(images).isBetween(2L, 3L);
        }
        assertThat(jsonl("pretrain-text.jsonl")).hasSize(10).allSatisfy(r -> assertThat(r.get("text").asText()).isNotBlank());
        assertThat(jsonl("sft-text.jsonl")).hasSize(10)
                .allSatisfy(r -> assertThat(r.at("/messages/0/content").toString()).doesNotContain("image"));
    }

    @Test
    void webDatasetSamplesGroupAnImageWithItsJsonOrCaption() throws Exception {
        Map<String, Map<String, byte[]>> sft = shard("sft-000000.tar.zst");
        assertThat(sft).hasSize(16);
        Map.Entry<String, Map<String, byte[]>> first = sft.entrySet().iterator().next();
        assertThat(first.getValue()).containsOnlyKeys("png", "json");
        JsonNode record = Json.MAPPER.readTree(first.getValue().get("json"));
        assertThat(record.at("/messages/0/content/0/image").asText()).isEqualTo(first.getKey() + ".png");
        assertThat(ImageIO.read(new ByteArrayInputStream(first.getValue().get("png")))).isNotNull();
        assertThat(out.resolve("wds/sft-000002.tar.zst")).isRegularFile();
        assertThat(out.resolve("wds/sft-000003.tar.zst")).doesNotExist();

        Map<String, Map<String, byte[]>> captions = shard("pretrain-captions-000000.tar.zst");
        assertThat(captions.values()).allSatisfy(m -> assertThat(m).containsOnlyKeys("png", "txt"));
        Map<String, Map<String, byte[]>> docs = shard("pretrain-interleaved-000000.tar.zst");
        for (Map<String, byte[]> sample : docs.values()) {
            assertThat(sample).containsKeys("0.png", "1.png", "json");
            assertThat(new String(sample.get("json"), StandardCharsets.UTF_8)).contains(".0.png", ".1.png");
        }
        assertThat(shard("pretrain-text-000000.tar.zst").values()).allSatisfy(m -> assertThat(m).containsOnlyKeys("txt"));
    }

    @Test
    void manifestRecordsCountsAndFileHashes() throws Exception {
        JsonNode manifest = Json.readTree(out.resolve("manifest.json"));
        assertThat(manifest.get("generator").asText()).isEqualTo(ShapesGenerator.GENERATOR);
        assertThat(manifest.at("/records/sft").asLong()).isEqualTo(40);
        assertThat(manifest.at("/config/seed").asLong()).isEqualTo(11);
        for (JsonNode f : manifest.get("files")) {
            Path file = out.resolve(f.get("path").asText());
            assertThat(Files.size(file)).isEqualTo(f.get("bytes").asLong());
            assertThat(Manifest.sha256(file)).isEqualTo(f.get("sha256").asText());
        }
        assertThat(summary.images()).isEqualTo(manifest.get("images").asLong());
        assertThat(summary.taskCounts().get("bench")).hasSize(8);
    }
}
