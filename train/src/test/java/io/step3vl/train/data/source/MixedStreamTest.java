package io.step3vl.train.data.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.step3vl.common.UserError;
import io.step3vl.train.data.MixturePosition;
import io.step3vl.train.data.Sample;
import io.step3vl.train.data.SampleStream;
import io.step3vl.train.data.StreamPosition;
import io.step3vl.train.data.TestData;
import io.step3vl.train.data.read.BadRecords;
import io.step3vl.train.data.read.ImageCheck;
import io.step3vl.train.data.read.ReaderOptions;
import io.step3vl.train.data.read.SampleKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text:multimodal mixing at the paper's SFT ratios, with the realised proportions checked. */
class MixedStreamTest {
    @TempDir
    Path dir;

    private List<SourceSpec> sources(double textWeight, double mmWeight) {
        TestData.textJsonl(dir, "text/a.jsonl", 0, 70);
        TestData.textJsonl(dir, "text/b.jsonl.zst", 70, 130);
        TestData.sftJsonl(dir.resolve("mm"), "sft.jsonl", 0, 40);
        return List.of(
                SourceSpec.parse("text=" + dir.resolve("text") + "@" + textWeight, SampleKind.ANY),
                SourceSpec.parse("mm=" + dir.resolve("mm/sft.jsonl") + "@" + mmWeight, SampleKind.SFT));
    }

    // images are not what these tests are about: skip the header checks
    private static final ReaderOptions FOREVER = ReaderOptions.builder().seed(5).shuffleBuffer(16).epochs(0)
            .imageCheck(ImageCheck.NONE).build();

    private static boolean isMultimodal(Sample s) {
        return s instanceof Sample.Chat;
    }

    @Test
    void interleavingHitsNineToOneAndOneToOneAtEveryPrefix() {
        for (double[] w : new double[][] {{9, 1}, {1, 1}}) {
            double textShare = w[0] / (w[0] + w[1]);
            try (SampleStream mixed = DataLoader.open(sources(w[0], w[1]), FOREVER, 1, MixedStream.Mode.INTERLEAVE,
                    new BadRecords(0, m -> { }), null)) {
                int text = 0;
                for (int n = 1; n <= 2000; n++) {
                    Sample s = mixed.next();
                    assertThat(s.origin().source()).isEqualTo(isMultimodal(s) ? "mm" : "text");
                    if (!isMultimodal(s)) {
                        text++;
                    }
                    // within one sample of the exact share after every draw
                    assertThat((double) text).isCloseTo(n * textShare, within(1.0));
                }
                MixedStream m = (MixedStream) mixed;
                assertThat(m.proportions().get(0)).isCloseTo(textShare, within(1e-3));
                assertThat(m.drawn().get(0) + m.drawn().get(1)).isEqualTo(2000L);
            }
        }
    }

    @Test
    void randomMixingMatchesTheRatioWithinSamplingNoise() {
        try (SampleStream mixed = DataLoader.open(sources(9, 1), FOREVER, 1, MixedStream.Mode.RANDOM,
                new BadRecords(0, m -> { }), null)) {
            int n = 5000;
            int mm = 0;
            for (int i = 0; i < n; i++) {
                if (isMultimodal(mixed.next())) {
                    mm++;
                }
            }
            // binomial(5000, 0.1): sd ≈ 21; 4 sd
            assertThat(mm).isBetween(415, 585);
        }
    }

    @Test
    void resumesExactlyIncludingTheGeneratorAndEachSourcesPosition() {
        for (MixedStream.Mode mode : MixedStream.Mode.values()) {
            List<SourceSpec> specs = sources(3, 1);
            List<String> straight = new ArrayList<>();
            try (SampleStream s = DataLoader.open(specs, FOREVER, 1, mode, new BadRecords(0, m -> { }), null)) {
                TestData.drain(s, 400).forEach(x -> straight.add(TestData.id(x)));
            }
            String saved;
            try (SampleStream s = DataLoader.open(specs, FOREVER, 1, mode, new BadRecords(0, m -> { }), null)) {
                TestData.drain(s, 157);
                saved = s.position().toJson();
            }
            StreamPosition p = StreamPosition.fromJson(saved);
            assertThat(p).isInstanceOf(MixturePosition.class);
            try (SampleStream s = DataLoader.open(specs, FOREVER, 1, mode, new BadRecords(0, m -> { }), p)) {
                List<String> rest = new ArrayList<>();
                TestData.drain(s, 243).forEach(x -> rest.add(TestData.id(x)));
                assertThat(rest).as(mode.name()).isEqualTo(straight.subList(157, 400));
            }
        }
    }

    @Test
    void parallelSourcesResumeToo() {
        List<SourceSpec> specs = sources(1, 1);
        List<String> straight = new ArrayList<>();
        try (SampleStream s = DataLoader.open(specs, FOREVER, 2, MixedStream.Mode.INTERLEAVE, new BadRecords(0, m -> { }), null)) {
            TestData.drain(s, 300).forEach(x -> straight.add(TestData.id(x)));
        }
        StreamPosition p;
        try (SampleStream s = DataLoader.open(specs, FOREVER, 2, MixedStream.Mode.INTERLEAVE, new BadRecords(0, m -> { }), null)) {
            TestData.drain(s, 111);
            p = StreamPosition.fromJson(s.position().toJson());
        }
        try (SampleStream s = DataLoader.open(specs, FOREVER, 2, MixedStream.Mode.INTERLEAVE, new BadRecords(0, m -> { }), p)) {
            List<String> rest = new ArrayList<>();
            TestData.drain(s, 189).forEach(x -> rest.add(TestData.id(x)));
            assertThat(rest).isEqualTo(straight.subList(111, 300));
        }
    }

    @Test
    void aMixtureEndsWhenAFiniteSourceEnds() {
        ReaderOptions once = ReaderOptions.builder().epochs(1).build();
        try (SampleStream mixed = DataLoader.open(sources(1, 1), once, 1, MixedStream.Mode.INTERLEAVE,
                new BadRecords(0, m -> { }), null)) {
            // text, mm, text, mm, ...: after 40 of each, text draws its 41st and mm then has none left
            assertThat(TestData.drain(mixed, 10_000)).hasSize(81);
        }
    }

    @Test
    void sourceSpecsParseNamesPathsAndWeights() {
        SourceSpec s = SourceSpec.parse("text=a.jsonl,dir/b@9", SampleKind.SFT);
        assertThat(s.name()).isEqualTo("text");
        assertThat(s.paths()).containsExactly(Path.of("a.jsonl"), Path.of("dir/b"));
        assertThat(s.weight()).isEqualTo(9.0);
        SourceSpec plain = SourceSpec.parse("data/shapes/sft.jsonl", SampleKind.SFT);
        assertThat(plain.name()).isEqualTo("sft.jsonl");
        assertThat(plain.weight()).isEqualTo(1.0);
        assertThatThrownBy(() -> SourceSpec.parse("a.jsonl@heavy", SampleKind.ANY)).isInstanceOf(UserError.class)
                .hasMessageContaining("weight after '@' must be a number");
        assertThatThrownBy(() -> SourceSpec.parse("a.jsonl@0", SampleKind.ANY)).hasMessageContaining("positive");
    }
}
