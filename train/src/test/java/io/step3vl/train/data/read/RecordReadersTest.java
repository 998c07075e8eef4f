package io.step3vl.train.data.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.train.data.RecordLocation;
import io.step3vl.train.data.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReadersTest {
    @TempDir
    Path dir;

    private static List<RawRecord> all(RecordReader r) throws Exception {
        List<RawRecord> out = new ArrayList<>();
        RawRecord rec;
        while ((rec = r.next()) != null) {
            out.add(rec);
        }
        return out;
    }

    @Test
    void jsonlRecordsKnowTheirLineAndOffsetAndSkipBlankLines() throws Exception {
        String content = "{\"text\":\"a\"}\n\n   \n{\"text\":\"b\"}\r\n{\"text\":\"c\"}";
        Path file = dir.resolve("x.jsonl");
        Files.writeString(file, content);
        DataFile df = DataFile.detect(file);
        try (RecordReader r = RecordReader.open(df, 0, RecordReader.start(0, df), 1 << 20)) {
            List<RawRecord> recs = all(r);
            assertThat(recs).extracting(RawRecord::where).containsExactly("line 1", "line 4", "line 5");
            assertThat(new String(recs.get(1).json(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"b\"}");
            assertThat(recs.get(1).location()).isEqualTo(new RecordLocation(0, 1, content.indexOf("{\"text\":\"b"), 3));
            assertThat(recs.get(2).location().ordinal()).isEqualTo(2);
        }
    }

    @Test
    void jsonlReopensExactlyAtASavedLocation() throws Exception {
        for (String name : new String[] {"y.jsonl", "y.jsonl.gz", "y.jsonl.zst"}) {
            Path file = TestData.textJsonl(dir, name, 0, 10);
            DataFile df = DataFile.detect(file);
            RecordLocation mid;
            List<String> rest = new ArrayList<>();
            try (RecordReader r = RecordReader.open(df, 3, RecordReader.start(3, df), 1 << 20)) {
                for (int i = 0; i < 4; i++) {
                    r.next();
                }
                mid = r.nextLocation();
                RawRecord rec;
                while ((rec = r.next()) != null) {
                    rest.add(rec.where() + new String(rec.json(), StandardCharsets.UTF_8));
                }
            }
            assertThat(mid.ordinal()).isEqualTo(4);
            assertThat(mid.byteOffset() >= 0).isEqualTo(df.seekable());
            try (RecordReader r = RecordReader.open(df, 3, mid, 1 << 20)) {
                List<String> again = new ArrayList<>();
                for (RawRecord rec : all(r)) {
                    again.add(rec.where() + new String(rec.json(), StandardCharsets.UTF_8));
                }
                assertThat(again).as(name).isEqualTo(rest).hasSize(6);
                assertThat(again.get(0)).startsWith("line 5{");
            }
        }
    }

    @Test
    void anOverlongLineIsADefectiveRecordAndReadingGoesOn() throws Exception {
        Path file = dir.resolve("long.jsonl");
        Files.writeString(file, "{\"text\":\"" + "x".repeat(5000) + "\"}\n{\"text\":\"ok\"}\n");
        DataFile df = DataFile.detect(file);
        try (RecordReader r = RecordReader.open(df, 0, RecordReader.start(0, df), 1024)) {
            List<RawRecord> recs = all(r);
            assertThat(recs).hasSize(2);
            assertThat(recs.get(0).defect()).contains("longer than the 1024-byte record limit");
            assertThat(recs.get(1).defect()).isNull();
            assertThat(recs.get(1).where()).isEqualTo("line 2");
        }
    }

    @Test
    void tarMembersAreGroupedByKeyAndHiddenFilesIgnored() throws Exception {
        Map<String, Map<String, byte[]>> samples = new LinkedHashMap<>();
        samples.put("dir/a", Map.of("txt", "A".getBytes()));
        samples.put("dir/.hidden", Map.of("txt", "H".getBytes()));
        Map<String, byte[]> b = new LinkedHashMap<>();
        b.put("0.png", TestData.png(1));
        b.put("1.png", TestData.png(2));
        b.put("json", "{}".getBytes());
        samples.put("dir/b", b);
        samples.put("c", Map.of("txt", "C".getBytes()));
        for (String name : new String[] {"s.tar", "s.tar.gz", "s.tar.zst"}) {
            DataFile df = DataFile.detect(TestData.shard(dir.resolve(name), samples));
            try (RecordReader r = RecordReader.open(df, 0, RecordReader.start(0, df), 1 << 20)) {
                List<RawRecord> recs = all(r);
                assertThat(recs).extracting(RawRecord::key).containsExactly("dir/a", "dir/b", "c");
                assertThat(recs.get(1).members()).containsOnlyKeys("0.png", "1.png", "json");
                assertThat(recs.get(2).location().ordinal()).isEqualTo(2);
            }
            try (RecordReader r = RecordReader.open(df, 0, new RecordLocation(0, 1, -1, 0), 1 << 20)) {
                assertThat(all(r)).extracting(RawRecord::key).as(name).containsExactly("dir/b", "c");
            }
        }
    }

    @Test
    void anOversizedTarMemberMakesTheSampleDefective() throws Exception {
        Map<String, Map<String, byte[]>> samples = new LinkedHashMap<>();
        samples.put("big", Map.of("txt", new byte[4096]));
        samples.put("small", Map.of("txt", "ok".getBytes()));
        DataFile df = DataFile.detect(TestData.shard(dir.resolve("big.tar"), samples));
        try (RecordReader r = RecordReader.open(df, 0, RecordReader.start(0, df), 1024)) {
            List<RawRecord> recs = all(r);
            assertThat(recs.get(0).defect()).contains("big.txt is 4096 bytes");
            assertThat(recs.get(1).defect()).isNull();
        }
    }

    @Test
    void detectsKindsFromNames() {
        assertThat(DataFile.detect(Path.of("a.jsonl.zst")).compression()).isEqualTo(Compression.ZSTD);
        assertThat(DataFile.detect(Path.of("a.tgz")).kind()).isEqualTo(DataFile.Kind.TAR);
        assertThat(DataFile.detect(Path.of("a.json"))).isNull();
        assertThat(DataFile.detect(Path.of("a.jsonl")).seekable()).isTrue();
        assertThat(DataFile.detect(Path.of("a.tar")).seekable()).isFalse();
    }
}
