package io.step3vl.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.shapes.OutputFormat;
import io.step3vl.shapes.ShapesConfig;
import io.step3vl.shapes.ShapesGenerator;
import io.step3vl.shapes.output.ShardCompression;
import io.step3vl.train.data.read.BadRecords;
import io.step3vl.train.data.read.DataReader;
import io.step3vl.train.data.read.ImageCheck;
import io.step3vl.train.data.read.ReaderOptions;
import io.step3vl.train.data.read.SampleKind;
import io.step3vl.train.data.source.DataLoader;
import io.step3vl.train.data.source.MixedStream;
import io.step3vl.train.data.source.SourceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers accept everything the shapes world writes, in both JSONL and WebDataset form, without a bad record. */
class ShapesWorldReadTest {
    @TempDir
    static Path tmp;
    static Path shapes;

    @BeforeAll
    static void generate() {
        shapes = tmp.resolve("shapes");
        new ShapesGenerator(ShapesConfig.builder(21, 24).rlN(8).benchPerCategory(2).docsN(4).textN(30).textSftN(30)
                .format(OutputFormat.BOTH).compression(ShardCompression.ZSTD).shardSize(10).build()).generate(shapes);
    }

    private static List<Sample> read(SampleKind kind, ImageCheck check, Path... paths) {
        ReaderOptions options = ReaderOptions.builder().kind(kind).imageCheck(check).shuffleBuffer(0).shuffleFiles(false)
                .build();
        try (DataReader r = DataReader.open(List.of(paths), options, new BadRecords(0, m -> { }))) {
            return TestData.drain(r, 100_000);
        }
    }

    @Test
    void sftConversationsReadTheSameFromJsonlAndShards() {
        List<Sample> jsonl = read(SampleKind.SFT, ImageCheck.DECODE, shapes.resolve("sft.jsonl"));
        List<Sample> wds = read(SampleKind.SFT, ImageCheck.DECODE, shapes.resolve("wds/sft-000000.tar.zst"),
                shapes.resolve("wds/sft-000001.tar.zst"), shapes.resolve("wds/sft-000002.tar.zst"));
        assertThat(jsonl).hasSize(24);
        assertThat(wds).hasSize(24);
        for (int i = 0; i < 24; i++) {
            Sample.Chat a = (Sample.Chat) jsonl.get(i);
            Sample.Chat b = (Sample.Chat) wds.get(i);
            assertThat(a.turns()).hasSize(2);
            assertThat(a.turns().get(1).text()).isEqualTo(b.turns().get(1).text());
            assertThat(a.turns().get(1).reasoning()).isEqualTo(b.turns().get(1).reasoning());
            assertThat(a.images().get(0).width()).isEqualTo(224);
            assertThat(a.images().get(0).readBytes()).isEqualTo(b.images().get(0).readBytes());
        }
    }

    @Test
    void everyDatasetParsesAsItsKind() {
        assertThat(read(SampleKind.PRETRAIN, ImageCheck.HEADER, shapes.resolve("pretrain-captions.jsonl"))).hasSize(24)
                .allSatisfy(s -> assertThat(s.images()).hasSize(1));
        assertThat(read(SampleKind.PRETRAIN, ImageCheck.HEADER, shapes.resolve("wds")
                .resolve("pretrain-captions-000000.tar.zst"))).hasSize(10)
                .allSatisfy(s -> assertThat(((Sample.Document) s).parts()).hasSize(2));
        assertThat(read(SampleKind.PRETRAIN, ImageCheck.HEADER, shapes.resolve("pretrain-interleaved.jsonl"),
                shapes.resolve("wds/pretrain-interleaved-000000.tar.zst"))).hasSize(8)
                .allSatisfy(s -> assertThat(s.images().size()).isBetween(2, 3));
        assertThat(read(SampleKind.PRETRAIN, ImageCheck.NONE, shapes.resolve("pretrain-text.jsonl"))).hasSize(30)
                .allSatisfy(s -> assertThat(s).isInstanceOf(Sample.Text.class));
        assertThat(read(SampleKind.SFT, ImageCheck.NONE, shapes.resolve("sft-text.jsonl"))).hasSize(30);
        List<Sample> bench = read(SampleKind.PROMPT, ImageCheck.HEADER, shapes.resolve("bench.jsonl"));
        assertThat(bench).hasSize(16).allSatisfy(s -> {
            Reference ref = ((Sample.Chat) s).reference();
            assertThat(ref.answerType()).isIn("choice", "number", "text", "ocr", "box", "point");
            assertThat(ref.category()).isNotBlank();
        });
        assertThat(read(SampleKind.PROMPT, ImageCheck.HEADER, shapes.resolve("rl.jsonl"))).hasSize(8);
    }

    @Test
    void textToMultimodalSftMixAtNineToOne() {
        List<SourceSpec> sources = List.of(
                SourceSpec.parse("text=" + shapes.resolve("sft-text.jsonl") + "@9", SampleKind.SFT),
                SourceSpec.parse("mm=" + shapes.resolve("wds") + "/sft-000000.tar.zst@1", SampleKind.SFT));
        ReaderOptions forever = ReaderOptions.builder().epochs(0).shuffleBuffer(8).build();
        try (SampleStream s = DataLoader.open(sources, forever, 1, MixedStream.Mode.INTERLEAVE,
                new BadRecords(0, m -> { }), null)) {
            List<Sample> got = new ArrayList<>(TestData.drain(s, 500));
            long multimodal = got.stream().filter(x -> !x.images().isEmpty()).count();
            assertThat(multimodal).isEqualTo(50);
        }
    }
}
