package io.step3vl.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.step3vl.common.UserError;
import io.step3vl.inference.local.PresetCheckpoint;
import io.step3vl.model.runtime.DeviceChoice;
import io.step3vl.shapes.ShapesConfig;
import io.step3vl.shapes.ShapesGenerator;
import io.step3vl.train.data.pack.AssistantScope;
import io.step3vl.train.data.read.SampleKind;
import io.step3vl.train.data.source.SourceSpec;
import io.step3vl.train.optim.AdamWConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on the tiny preset: resume is bit-exact, also across an epoch boundary; stops save. */
class TrainerTest {
    @TempDir
    static Path tmp;
    static Path model;
    static Path shapes;

    @BeforeAll
    static void setUp() {
        model = PresetCheckpoint.write("tiny", 3, tmp.resolve("tiny"));
        shapes = tmp.resolve("shapes");
        new ShapesGenerator(ShapesConfig.builder(11, 40).build()).generate(shapes);
    }

    private static TrainConfig config(String stage, List<SourceSpec> data, Path out, Path resume, long steps, int saveEvery,
                                      int seqLen) {
        return new TrainConfig(stage, model, data, out, resume, steps, seqLen, 1, 2,
                new TrainConfig.ScheduleSpec("cosine", 1e-3, 1e-4, 3, 1e-5, 1e-5, 0.75),
                AdamWConfig.defaults(), 1.0, Set.of(), AssistantScope.AFTER_LAST_USER, saveEvery, 0, 5, 16, 10, 3,
                DeviceChoice.CPU);
    }

    private static List<Double> losses(Path runDir) {
        List<Double> out = new ArrayList<>();
        for (Map<String, Object> row : TrainingReport.readMetrics(runDir.resolve("metrics.jsonl"))) {
            Object loss = row.get("loss");
            out.add(loss == null ? Double.NaN : ((Number) loss).doubleValue()); // null = a skipped non-finite step
        }
        return out;
    }

    /** Equal to 1e-6, or both skipped (a non-finite step is skipped identically in both runs). */
    private static void assertSameLoss(double resumed, double straight, int step) {
        if (Double.isNaN(straight)) {
            assertThat(resumed).as("step %d", step).isNaN();
        } else {
            assertThat(resumed).as("step %d", step).isCloseTo(straight, within(1e-6));
        }
    }

    @Test
    void twentyStepsStraightEqualTenPlusResumedTen() {
        List<SourceSpec> data = List.of(
                SourceSpec.parse("captions=" + shapes.resolve("pretrain-captions.jsonl") + "@1", SampleKind.PRETRAIN),
                SourceSpec.parse("text=" + shapes.resolve("pretrain-text.jsonl") + "@1", SampleKind.PRETRAIN));
        Path straight = tmp.resolve("straight");
        TrainResult a = Trainer.run(config("pretrain", data, straight, null, 20, 10, 160));
        assertThat(a.status()).isEqualTo(TrainResult.Status.COMPLETED);
        assertThat(a.step()).isEqualTo(20);
        Path tenth = straight.resolve("checkpoints").resolve("step-00000010");
        assertThat(tenth).isDirectory();

        Path resumed = tmp.resolve("resumed");
        TrainResult b = Trainer.run(config("pretrain", data, resumed, tenth, 20, 10, 160));
        assertThat(b.step()).isEqualTo(20);
        List<Double> full = losses(straight);
        List<Double> rest = losses(resumed);
        assertThat(full).hasSize(20);
        assertThat(rest).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertSameLoss(rest.get(i), full.get(10 + i), 11 + i);
        }
        // the loss moved: the run trains
        assertThat(full.get(19)).isLessThan(full.get(0));
        assertThat(straight.resolve("report.html")).exists();
        assertThat(straight.resolve("checkpoints").resolve("latest")).exists();
    }

    @Test
    void resumingExactlyAtAnEpochBoundaryStillRunsTheRemainingSteps() throws Exception {
        // five text records, each too long to share a pack with another: one sample per micro-batch,
        // two micro-batches per step -> the epoch ends exactly after step 2.5 ... use 4 records: after step 2
        Path file = tmp.resolve("epoch.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            lines.add("{\"text\": \"" + ("record " + i + " is about shapes and colours. ").repeat(4) + "\"}");
        }
        Files.write(file, lines);
        List<SourceSpec> data = List.of(SourceSpec.parse(file.toString(), SampleKind.PRETRAIN));
        Path straight = tmp.resolve("epoch-straight");
        TrainResult a = Trainer.run(config("pretrain", data, straight, null, 6, 2, 200));
        assertThat(a.step()).isEqualTo(6);
        Path boundary = straight.resolve("checkpoints").resolve("step-00000002");
        Path resumed = tmp.resolve("epoch-resumed");
        TrainResult b = Trainer.run(config("pretrain", data, resumed, boundary, 6, 2, 200));
        assertThat(b.status()).isEqualTo(TrainResult.Status.COMPLETED);
        assertThat(b.step()).isEqualTo(6);
        List<Double> full = losses(straight);
        List<Double> rest = losses(resumed);
        assertThat(rest).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertSameLoss(rest.get(i), full.get(2 + i), 3 + i);
        }
    }

    @Test
    void aStopSignalSavesAResumableCheckpointAfterTheCurrentStep() {
        List<SourceSpec> data = List.of(SourceSpec.parse(shapes.resolve("sft.jsonl").toString(), SampleKind.SFT));
        Path out = tmp.resolve("stopped");
        try (StopSignals signals = new StopSignals()) {
            signals.request("TERM");
            TrainResult r = Trainer.run(config("sft", data, out, null, 50, 0, 256), signals);
            assertThat(r.status()).isEqualTo(TrainResult.Status.STOPPED);
            assertThat(r.signal()).isEqualTo("TERM");
            assertThat(r.step()).isEqualTo(1);
            assertThat(r.checkpoint()).isEqualTo(out.resolve("checkpoints").resolve("step-00000001"));
        }
        TrainResult resumed = Trainer.run(config("sft", data, tmp.resolve("stopped-resumed"), out, 3, 0, 256));
        assertThat(resumed.step()).isEqualTo(3);
    }

    @Test
    void rerunningIntoTheSameRunDirectoryContinuesFromItsLatestCheckpoint() {
        List<SourceSpec> data = List.of(SourceSpec.parse(shapes.resolve("sft.jsonl").toString(), SampleKind.SFT));
        Path out = tmp.resolve("killed");
        try (StopSignals signals = new StopSignals()) {
            signals.request("INT");
            assertThat(Trainer.run(config("sft", data, out, null, 4, 0, 256), signals).step()).isEqualTo(1);
        }
        // a stray row after the checkpoint (the step a killed job was in) must not survive the rerun
        io.step3vl.common.AtomicFiles.appendLine(out.resolve("metrics.jsonl"), "{\"step\":2,\"loss\":9.0}");
        TrainResult rerun = Trainer.run(config("sft", data, out, null, 4, 0, 256));
        assertThat(rerun.step()).isEqualTo(4);
        assertThat(TrainingReport.readMetrics(out.resolve("metrics.jsonl")))
                .extracting(row -> ((Number) row.get("step")).intValue()).containsExactly(1, 2, 3, 4);
        assertThat(losses(out).get(1)).isNotEqualTo(9.0);
        // once more: nothing left to do, and the result still carries the run's last loss
        TrainResult again = Trainer.run(config("sft", data, out, null, 4, 0, 256));
        assertThat(again.step()).isEqualTo(4);
        assertThat(again.lastLoss()).isEqualTo(losses(out).get(3));
        assertThat(losses(out)).hasSize(4);
    }

    @Test
    void everyConfigProblemIsReportedAtOnce() {
        TrainConfig bad = new TrainConfig("finetune", tmp.resolve("nope"), List.of(), tmp.resolve("x"), null, 0, 4, 0, 1,
                new TrainConfig.ScheduleSpec("zigzag", -1, 0, 0, 0, 0, 0.5), AdamWConfig.defaults(), 1, Set.of(),
                AssistantScope.ALL, 0, 0, 0, 0, 0, 1, DeviceChoice.CPU);
        assertThatThrownBy(bad::validated).isInstanceOf(UserError.class)
                .hasMessageContaining("stage").hasMessageContaining("model").hasMessageContaining("data")
                .hasMessageContaining("steps").hasMessageContaining("seq-len").hasMessageContaining("batch")
                .hasMessageContaining("lr").hasMessageContaining("schedule");
    }
}
