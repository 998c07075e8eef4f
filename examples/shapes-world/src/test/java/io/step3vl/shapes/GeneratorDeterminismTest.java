package io.step3vl.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.shapes.output.ShardCompression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorDeterminismTest {
    @TempDir
    Path tmp;

    private static ShapesConfig small(long seed, ShardCompression compression, int threads) {
        return ShapesConfig.builder(seed, 12).rlN(4).benchPerCategory(2).docsN(3).textN(5).textSftN(5)
                .format(OutputFormat.BOTH).compression(compression).shardSize(5).threads(threads).build();
    }

    @Test
    void sameSeedGivesByteIdenticalFilesWhateverTheThreadCount() throws Exception {
        new ShapesGenerator(small(42, ShardCompression.ZSTD, 2)).generate(tmp.resolve("a"));
        new ShapesGenerator(small(42, ShardCompression.ZSTD, 1)).generate(tmp.resolve("b"));
        Map<String, byte[]> a = TestTrees.read(tmp.resolve("a"));
        Map<String, byte[]> b = TestTrees.read(tmp.resolve("b"));
        assertThat(a.keySet()).isEqualTo(b.keySet());
        assertThat(a).containsKeys("manifest.json", "sft.jsonl", "bench.jsonl", "images/train-000000.png",
                "wds/sft-000000.tar.zst", "wds/sft-000002.tar.zst");
        for (String name : a.keySet()) {
            assertThat(Arrays.equals(a.get(name), b.get(name))).as(name).isTrue();
        }
    }

    @Test
    void gzipShardsAreDeterministicToo() throws Exception {
        new ShapesGenerator(small(3, ShardCompression.GZIP, 2)).generate(tmp.resolve("a"));
        new ShapesGenerator(small(3, ShardCompression.GZIP, 2)).generate(tmp.resolve("b"));
        byte[] first = Files.readAllBytes(tmp.resolve("a/wds/rl-000000.tar.gz"));
        assertThat(first).isEqualTo(Files.readAllBytes(tmp.resolve("b/wds/rl-000000.tar.gz")));
    }

    @Test
    void differentSeedsGiveDifferentData() throws Exception {
        new ShapesGenerator(small(1, ShardCompression.NONE, 2)).generate(tmp.resolve("a"));
        new ShapesGenerator(small(2, ShardCompression.NONE, 2)).generate(tmp.resolve("b"));
        assertThat(Files.readAllBytes(tmp.resolve("a/sft.jsonl")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("b/sft.jsonl")));
        assertThat(Files.readAllBytes(tmp.resolve("a/images/train-000000.png")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("b/images/train-000000.png")));
    }

    @Test
    void regeneratingReplacesAnEarlierOutputAtomically() throws Exception {
        Path out = tmp.resolve("out");
        new ShapesGenerator(small(5, ShardCompression.NONE, 2)).generate(out);
        Files.writeString(out.resolve("stale.txt"), "left over");
        new ShapesGenerator(small(6, ShardCompression.NONE, 2)).generate(out);
        assertThat(out.resolve("stale.txt")).doesNotExist();
        assertThat(out.resolve("manifest.json")).content().contains("\"seed\" : 6");
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("out");
        }
    }

    @Test
    void shardOnlyOutputWritesNoLooseImages() throws Exception {
        ShapesConfig config = ShapesConfig.builder(8, 4).rlN(1).benchPerCategory(1).docsN(1).textN(2).textSftN(2)
                .format(OutputFormat.WDS).compression(ShardCompression.GZIP).build();
        new ShapesGenerator(config).generate(tmp.resolve("w"));
        assertThat(tmp.resolve("w/images")).doesNotExist();
        assertThat(tmp.resolve("w/sft.jsonl")).doesNotExist();
        assertThat(tmp.resolve("w/wds/sft-000000.tar.gz")).isRegularFile();
        assertThat(Files.readAllLines(tmp.resolve("w/scenes.jsonl"))).allSatisfy(l -> assertThat(l).contains("\"image\":null"));
    }
}
