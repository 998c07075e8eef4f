package io.step3vl.train.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import io.step3vl.train.data.ParallelPosition;
import io.step3vl.train.data.Sample;
import io.step3vl.train.data.StreamPosition;
import io.step3vl.train.data.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelReaderTest {
    @TempDir
    Path dir;

    private List<DataFile> files() {
        return DataFiles.expand(List.of(
                TestData.sftJsonl(dir, "a.jsonl", 0, 23),
                TestData.sftShard(dir.resolve("b.tar.zst"), 23, 41),
                TestData.textJsonl(dir, "c.jsonl.gz", 41, 60)));
    }

    private static List<String> ids(List<Sample> samples) {
        List<String> out = new ArrayList<>();
        samples.forEach(s -> out.add(TestData.id(s)));
        return out;
    }

    private static final ReaderOptions OPTIONS = ReaderOptions.builder().seed(3).shuffleBuffer(6).epochs(2).build();

    @Test
    void roundRobinOverWorkersIsDeterministicAndCoversEverything() {
        List<DataFile> files = files();
        List<String> first;
        try (ParallelReader r = new ParallelReader(files, OPTIONS, 3, 2, new BadRecords(0, m -> { }), null)) {
            first = ids(TestData.drain(r, 1000));
        }
        assertThat(first).hasSize(120);
        assertThat(new HashSet<>(first.subList(0, 60))).hasSize(60);
        for (int run = 0; run < 3; run++) {
            try (ParallelReader r = new ParallelReader(files, OPTIONS, 3, 1 + run * 7, new BadRecords(0, m -> { }), null)) {
                assertThat(ids(TestData.drain(r, 1000))).isEqualTo(first);
            }
        }
    }

    @Test
    void resumesFromWhatWasConsumedNotWhatWasReadAhead() {
        List<DataFile> files = files();
        List<String> straight;
        try (ParallelReader r = new ParallelReader(files, OPTIONS, 3, 4, new BadRecords(0, m -> { }), null)) {
            straight = ids(TestData.drain(r, 1000));
        }
        for (int n : new int[] {0, 5, 59, 60, 61, 110, 120}) {
            String saved;
            try (ParallelReader r = new ParallelReader(files, OPTIONS, 3, 4, new BadRecords(0, m -> { }), null)) {
                TestData.drain(r, n);
                saved = r.position().toJson();
            }
            ParallelPosition p = (ParallelPosition) StreamPosition.fromJson(saved);
            try (ParallelReader r = new ParallelReader(files, OPTIONS, 3, 4, new BadRecords(0, m -> { }), p)) {
                assertThat(ids(TestData.drain(r, 1000))).as("after %d", n).isEqualTo(straight.subList(n, 120));
            }
        }
        try (ParallelReader r = new ParallelReader(files, OPTIONS, 3, 4, new BadRecords(0, m -> { }), null)) {
            TestData.drain(r, 3);
            ParallelPosition p = r.position();
            assertThatThrownBy(() -> new ParallelReader(files, OPTIONS, 2, 4, new BadRecords(0, m -> { }), p))
                    .isInstanceOf(UserError.class).hasMessageContaining("same number of data workers");
        }
    }

    @Test
    void aWorkerFailureReachesTheConsumer() {
        Path bad = TestData.writeLines(dir.resolve("bad.jsonl"), List.of("{\"text\":\"a\"}", "nope", "{\"text\":\"b\"}"));
        try (ParallelReader r = new ParallelReader(DataFiles.expand(List.of(bad)), ReaderOptions.builder().build(), 2, 2,
                new BadRecords(0, m -> { }), null)) {
            assertThatThrownBy(() -> TestData.drain(r, 10)).isInstanceOf(UserError.class)
                    .hasMessageContaining("bad.jsonl: line 2: malformed JSON");
        }
    }

    @Test
    void closingWhileWorkersReadIsQuiet() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            lines.add(TestData.textLine("t" + i));
        }
        Path big = TestData.writeLines(dir.resolve("big.jsonl"), lines);
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        ParallelReader r = new ParallelReader(DataFiles.expand(List.of(big)), ReaderOptions.builder().build(), 2, 4,
                new BadRecords(0, log::add), null);
        assertThat(TestData.drain(r, 10)).hasSize(10);
        r.close();
        assertThat(log).isEmpty();
    }
}
