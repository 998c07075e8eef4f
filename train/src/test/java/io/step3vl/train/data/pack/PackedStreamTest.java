package io.step3vl.train.data.pack;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.train.data.Sample;
import io.step3vl.train.data.SampleStream;
import io.step3vl.train.data.TestData;
import io.step3vl.train.data.read.BadRecords;
import io.step3vl.train.data.read.DataFiles;
import io.step3vl.train.data.read.DataReader;
import io.step3vl.train.data.read.ReaderOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packing a real reader's output, stopping after k packs and resuming, reproduces the rest exactly. */
class PackedStreamTest {
    @TempDir
    Path dir;

    /**
     * A byte-level stand-in tokenizer: UTF-8 bytes of the text, all trained. Texts ending in 7
     * ("doc117") become longer than a pack; texts ending in 5 ("doc65") are rejected.
     */
    private static final Function<Sample, TokenizedSample> BYTES = s -> {
        String text = ((Sample.Text) s).text();
        if (text.endsWith("7")) {
            text = text.repeat(40); // oversize: dropped and counted
        }
        if (text.endsWith("5")) {
            return null; // the tokenizer rejects it
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[b.length];
        boolean[] trained = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            tokens[i] = b[i];
            trained[i] = true;
        }
        return new TokenizedSample(tokens, trained, List.of(), s.origin());
    };

    private List<Path> data() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            lines.add(TestData.textLine("doc" + i + "x".repeat(i % 13)));
        }
        return List.of(TestData.writeLines(dir.resolve("a.jsonl"), lines.subList(0, 70)),
                TestData.writeLines(dir.resolve("b.jsonl.zst"), lines.subList(70, 120)));
    }

    private static final ReaderOptions OPTIONS = ReaderOptions.builder().seed(9).shuffleBuffer(10).epochs(2).build();

    private SampleStream reader(List<Path> paths, io.step3vl.train.data.StreamPosition from) {
        return new DataReader(DataFiles.expand(paths), OPTIONS, new BadRecords(0, m -> { }),
                (io.step3vl.train.data.ReaderPosition) from);
    }

    private static List<Pack> drain(PackedStream packs, int limit) {
        List<Pack> out = new ArrayList<>();
        Pack p;
        while (out.size() < limit && (p = packs.next()) != null) {
            out.add(p);
        }
        return out;
    }

    @Test
    void resumingAfterAnyPackContinuesWithTheSamePacksAndCounts() {
        List<Path> paths = data();
        List<Pack> straight;
        PackingStats finalStats;
        try (PackedStream packs = new PackedStream(reader(paths, null), BYTES, 64, true, 0, null)) {
            straight = drain(packs, 10_000);
            finalStats = packs.stats();
        }
        assertThat(finalStats.droppedOversize()).isGreaterThan(0);
        assertThat(finalStats.droppedByTokenizer()).isGreaterThan(0);
        assertThat(finalStats.packs()).isEqualTo(straight.size());
        int total = straight.size();
        for (int k : new int[] {0, 1, 5, total / 2, total - 1, total}) {
            String saved;
            try (PackedStream packs = new PackedStream(reader(paths, null), BYTES, 64, true, 0, null)) {
                assertThat(drain(packs, k)).isEqualTo(straight.subList(0, k));
                saved = packs.position().toJson();
            }
            PackedPosition at = PackedPosition.fromJson(saved);
            try (PackedStream packs = new PackedStream(reader(paths, at.samples()), BYTES, 64, true, 0, at)) {
                assertThat(drain(packs, 10_000)).as("after %d packs", k).isEqualTo(straight.subList(k, total));
                assertThat(packs.stats()).isEqualTo(finalStats);
            }
        }
    }

    @Test
    void everyKeptSampleAppearsOnceWhole() {
        List<Path> paths = data();
        List<String> seen = new ArrayList<>();
        try (PackedStream packs = new PackedStream(reader(paths, null), BYTES, 64, false, 0, null)) {
            for (Pack p : drain(packs, 10_000)) {
                for (int s = 0; s < p.segmentCount(); s++) {
                    byte[] b = new byte[p.segmentStarts()[s + 1] - p.segmentStarts()[s]];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) p.inputIds()[p.segmentStarts()[s] + i];
                    }
                    seen.add(new String(b, StandardCharsets.UTF_8));
                }
                assertThat(p.inputIds().length).isLessThanOrEqualTo(64);
            }
            // 2 epochs x 120 docs, minus the rejected (…5) and the oversize (…7) ones
            long kept = packs.stats().samples();
            assertThat(seen).hasSize((int) kept);
            assertThat(seen).allSatisfy(t -> assertThat(t).startsWith("doc"));
            assertThat(kept + packs.stats().droppedOversize() + packs.stats().droppedByTokenizer()).isEqualTo(240);
        }
    }
}
