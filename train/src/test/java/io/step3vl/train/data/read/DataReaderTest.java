package io.step3vl.train.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import io.step3vl.train.data.ReaderPosition;
import io.step3vl.train.data.Sample;
import io.step3vl.train.data.StreamPosition;
import io.step3vl.train.data.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataReaderTest {
    @TempDir
    Path dir;

    /** 5 data files of mixed formats: 3 JSONL (plain, gz, zst) with images, 2 shards (tar.gz, tar.zst): 50 records. */
    private List<DataFile> mixedFiles() {
        List<Path> paths = List.of(
                TestData.sftJsonl(dir, "a.jsonl", 0, 12),
                TestData.textJsonl(dir, "b.jsonl.gz", 12, 20),
                TestData.textJsonl(dir, "c.jsonl.zst", 20, 27),
                TestData.sftShard(dir.resolve("d.tar.gz"), 27, 40),
                TestData.sftShard(dir.resolve("e.tar.zst"), 40, 50));
        return DataFiles.expand(paths);
    }

    private static ReaderOptions.Builder opts() {
        return ReaderOptions.builder().seed(17).shuffleBuffer(8);
    }

    private static List<String> ids(List<Sample> samples) {
        List<String> out = new ArrayList<>();
        samples.forEach(s -> out.add(TestData.id(s)));
        return out;
    }

    private static BadRecords quiet() {
        return new BadRecords(0, m -> { });
    }

    @Test
    void everyRecordOncePerEpochInASeededShuffledOrder() {
        List<DataFile> files = mixedFiles();
        List<String> first;
        try (DataReader r = new DataReader(files, opts().epochs(2).build(), quiet())) {
            List<String> both = ids(TestData.drain(r, 1000));
            assertThat(both).hasSize(100);
            first = both.subList(0, 50);
            assertThat(new HashSet<>(first)).hasSize(50);
            assertThat(new HashSet<>(both.subList(50, 100))).isEqualTo(new HashSet<>(first));
            assertThat(both.subList(50, 100)).isNotEqualTo(first); // each epoch reshuffles
        }
        try (DataReader r = new DataReader(files, opts().epochs(1).build(), quiet())) {
            assertThat(ids(TestData.drain(r, 1000))).isEqualTo(first);
        }
        try (DataReader r = new DataReader(files, opts().seed(18).epochs(1).build(), quiet())) {
            assertThat(ids(TestData.drain(r, 1000))).isNotEqualTo(first).containsExactlyInAnyOrderElementsOf(first);
        }
        try (DataReader r = new DataReader(files, opts().shuffleBuffer(0).shuffleFiles(false).build(), quiet())) {
            List<String> plain = ids(TestData.drain(r, 1000));
            assertThat(plain.get(0)).startsWith("a.jsonl#line 1=");
            assertThat(plain.get(49)).startsWith("e.tar.zst#sample k49=");
        }
    }

    @Test
    void resumingAtAnyPointContinuesExactlyAcrossFilesAndEpochs() {
        List<DataFile> files = mixedFiles();
        ReaderOptions options = opts().epochs(3).build();
        List<String> straight;
        try (DataReader r = new DataReader(files, options, quiet())) {
            straight = ids(TestData.drain(r, 1000));
        }
        assertThat(straight).hasSize(150);
        // inside the first file, mid-epoch, just before/at/after the epoch boundary, inside the last epoch
        for (int n : new int[] {0, 1, 7, 33, 49, 50, 51, 99, 100, 149, 150}) {
            String saved;
            try (DataReader r = new DataReader(files, options, quiet())) {
                assertThat(ids(TestData.drain(r, n))).isEqualTo(straight.subList(0, n));
                saved = r.position().toJson();
            }
            ReaderPosition restored = (ReaderPosition) StreamPosition.fromJson(saved);
            try (DataReader r = new DataReader(files, options, quiet(), restored)) {
                assertThat(ids(TestData.drain(r, 1000))).as("resumed after %d", n).isEqualTo(straight.subList(n, 150));
            }
        }
    }

    @Test
    void aFileShardedWorkerResumesExactlyToo() {
        List<DataFile> files = mixedFiles();
        for (int worker = 0; worker < 2; worker++) {
            ReaderOptions options = opts().shardBy(ShardBy.FILE).worker(worker, 2).epochs(3).build();
            List<String> straight;
            try (DataReader r = new DataReader(files, options, quiet())) {
                straight = ids(TestData.drain(r, 1000));
            }
            for (int n = 0; n <= straight.size(); n += 7) {
                ReaderPosition p;
                try (DataReader r = new DataReader(files, options, quiet())) {
                    TestData.drain(r, n);
                    p = (ReaderPosition) StreamPosition.fromJson(r.position().toJson());
                }
                try (DataReader r = new DataReader(files, options, quiet(), p)) {
                    assertThat(ids(TestData.drain(r, 1000))).as("worker %d after %d", worker, n)
                            .isEqualTo(straight.subList(n, straight.size()));
                }
            }
        }
    }

    @Test
    void resumeRestoresTheShuffleBufferFromTheRecordsItHeld() {
        List<DataFile> files = mixedFiles();
        ReaderOptions options = opts().shuffleBuffer(30).build();
        try (DataReader r = new DataReader(files, options, quiet())) {
            TestData.drain(r, 5);
            ReaderPosition p = r.position();
            assertThat(p.buffer()).hasSize(30);
            assertThat(new HashSet<>(p.buffer())).hasSize(30);
            assertThat(p.buffer().stream().map(l -> l.file()).distinct().count()).isGreaterThan(1);
        }
    }

    @Test
    void workersPartitionTheDataByRecordOrByFile() {
        List<DataFile> files = mixedFiles();
        for (ShardBy by : ShardBy.values()) {
            Set<String> union = new HashSet<>();
            int total = 0;
            for (int w = 0; w < 3; w++) {
                try (DataReader r = new DataReader(files, opts().shardBy(by).worker(w, 3).build(), quiet())) {
                    List<String> mine = ids(TestData.drain(r, 1000));
                    total += mine.size();
                    union.addAll(mine);
                    if (by == ShardBy.RECORD) {
                        assertThat(mine.size()).isBetween(16, 17);
                    }
                }
            }
            assertThat(total).as(by.name()).isEqualTo(50);
            assertThat(union).hasSize(50);
        }
    }

    @Test
    void badRecordsAreCountedLoggedWithFileAndLineThenAbort() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(TestData.sftLine(i));
            Files.write(Files.createDirectories(dir.resolve("images")).resolve(i + ".png"), TestData.png(i));
        }
        lines.set(2, "{\"messages\": [ oops");
        lines.set(4, "{\"id\": \"no content\"}");
        lines.set(6, TestData.sftLine(99)); // images/99.png does not exist
        Path file = TestData.writeLines(dir.resolve("bad.jsonl"), lines);
        List<String> log = new ArrayList<>();
        BadRecords budget = new BadRecords(3, log::add);
        ReaderOptions options = ReaderOptions.builder().shuffleBuffer(0).shuffleFiles(false).kind(SampleKind.SFT).build();
        try (DataReader r = new DataReader(DataFiles.expand(List.of(file)), options, budget)) {
            assertThat(TestData.drain(r, 100)).hasSize(7);
        }
        assertThat(budget.count()).isEqualTo(3);
        assertThat(log).hasSize(3);
        assertThat(log.get(0)).contains("bad.jsonl: line 3: malformed JSON");
        assertThat(log.get(1)).contains("bad.jsonl: line 5: missing field");
        assertThat(log.get(2)).contains("bad.jsonl: line 7: messages[0].content[0]: image 'images/99.png': no such file");

        BadRecords tight = new BadRecords(2, log::add);
        try (DataReader r = new DataReader(DataFiles.expand(List.of(file)), options, tight)) {
            assertThatThrownBy(() -> TestData.drain(r, 100)).isInstanceOf(UserError.class)
                    .hasMessageContaining("bad.jsonl: line 7")
                    .hasMessageContaining("bad record 3, more than --max-bad 2");
        }
    }

    @Test
    void badTarMembersNameTheSample() {
        java.util.Map<String, java.util.Map<String, byte[]>> samples = new java.util.LinkedHashMap<>();
        samples.put("good", java.util.Map.of("txt", "fine".getBytes()));
        java.util.Map<String, byte[]> broken = new java.util.LinkedHashMap<>();
        broken.put("png", "not a png".getBytes());
        broken.put("txt", "caption".getBytes());
        samples.put("broken", broken);
        Path shard = TestData.shard(dir.resolve("s.tar"), samples);
        List<String> log = new ArrayList<>();
        try (DataReader r = new DataReader(DataFiles.expand(List.of(shard)), opts().build(), new BadRecords(5, log::add))) {
            assertThat(TestData.drain(r, 10)).hasSize(1);
        }
        assertThat(log).singleElement().asString().contains("s.tar: sample broken: image 'broken.png'");
    }

    @Test
    void aTruncatedShardCountsOnceAndReadingMovesOn() throws Exception {
        Path tar = TestData.sftShard(dir.resolve("t.tar"), 0, 20);
        byte[] bytes = Files.readAllBytes(tar);
        Files.write(tar, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path zst = TestData.sftShard(dir.resolve("z.tar.zst"), 20, 30);
        byte[] zbytes = Files.readAllBytes(zst);
        Files.write(zst, java.util.Arrays.copyOf(zbytes, zbytes.length / 2));
        Path other = TestData.textJsonl(dir, "u.jsonl", 0, 5);
        List<String> log = new ArrayList<>();
        try (DataReader r = new DataReader(DataFiles.expand(List.of(tar, zst, other)),
                opts().shuffleFiles(false).build(), new BadRecords(5, log::add))) {
            List<Sample> got = TestData.drain(r, 100);
            assertThat(got.size()).isBetween(6, 24); // some of t.tar, none or some of z.tar.zst, all of u.jsonl
        }
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).contains("t.tar: after record").contains("unreadable");
        assertThat(log.get(1)).contains("z.tar.zst: ").contains("unreadable");
    }

    @Test
    void refusesAPositionFromOtherDataOrOptions() {
        List<DataFile> files = mixedFiles();
        ReaderPosition p;
        try (DataReader r = new DataReader(files, opts().build(), quiet())) {
            TestData.drain(r, 3);
            p = r.position();
        }
        assertThatThrownBy(() -> new DataReader(files, opts().seed(99).build(), quiet(), p))
                .isInstanceOf(UserError.class).hasMessageContaining("saved for other data files or reader options");
        assertThatThrownBy(() -> new DataReader(files.subList(0, 4), opts().build(), quiet(), p))
                .isInstanceOf(UserError.class);
    }

    @Test
    void dataWithoutAUsableRecordIsAnError() throws Exception {
        Path file = TestData.writeLines(dir.resolve("junk.jsonl"), List.of("{", "}"));
        try (DataReader r = new DataReader(DataFiles.expand(List.of(file)), opts().epochs(0).build(),
                new BadRecords(10, m -> { }))) {
            assertThatThrownBy(r::next).isInstanceOf(UserError.class).hasMessageContaining("no usable records in");
        }
    }

    @Test
    void namingFilesAndDirectories() throws Exception {
        mixedFiles();
        Files.writeString(dir.resolve("notes.txt"), "ignored in directories");
        assertThat(DataFiles.expand(List.of(dir))).hasSize(5);
        assertThatThrownBy(() -> DataFiles.expand(List.of(dir.resolve("notes.txt"))))
                .isInstanceOf(UserError.class).hasMessageContaining("not a data file");
        assertThatThrownBy(() -> DataFiles.expand(List.of(dir.resolve("nope.jsonl"))))
                .hasMessageContaining("no such file or directory");
    }
}
