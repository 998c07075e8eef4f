package io.step3vl.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCheckpointsTest {
    @TempDir
    Path tmp;

    private static CheckpointWriter writer(long step) {
        return CheckpointWriter.create().config(TestCheckpoints.config()).weights(TestCheckpoints.weights())
                .trainerState(TrainerState.of(step, step * 4, step * 400), TestCheckpoints.bulkWeights(1, 8))
                .provenance(Provenance.of("test").withStep(step));
    }

    @Test
    void freshRunHasNoLatestAndNoCheckpoints() {
        RunCheckpoints run = new RunCheckpoints(tmp.resolve("run/checkpoints"));
        assertThat(run.latest()).isEmpty();
        assertThat(run.list()).isEmpty();
    }

    @Test
    void saveMovesLatestAndKeepsTheNewestN() {
        RunCheckpoints run = new RunCheckpoints(tmp.resolve("checkpoints"));
        for (long step : new long[] {100, 200, 300, 400}) {
            Path dir = run.save(step, writer(step), 2);
            assertThat(dir.getFileName().toString()).isEqualTo(String.format("step-%08d", step));
            assertThat(run.latest()).contains(dir);
        }
        assertThat(run.list()).extracting(p -> p.getFileName().toString())
                .containsExactly("step-00000300", "step-00000400");
        assertThat(CheckpointReader.open(run.latest().orElseThrow()).trainerState().step()).isEqualTo(400);
        assertThat(run.root().resolve("latest")).hasContent("step-00000400\n");
        assertThat(CheckpointWriterTest.hiddenEntries(run.root())).isEmpty();
    }

    @Test
    void aModelArgumentIsACheckpointOrARunDirectoryMeaningItsLatest() {
        Path runDir = tmp.resolve("run");
        RunCheckpoints run = new RunCheckpoints(runDir.resolve(RunCheckpoints.RUN_SUBDIR));
        run.save(1, writer(1), 0);
        Path second = run.save(2, writer(2), 0);
        assertThat(RunCheckpoints.checkpointOf(runDir)).isEqualTo(second);
        assertThat(RunCheckpoints.checkpointOf(second)).isEqualTo(second);
        assertThatThrownBy(() -> RunCheckpoints.checkpointOf(tmp.resolve("nowhere")))
                .isInstanceOf(UserError.class).hasMessageContaining("nowhere").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> RunCheckpoints.checkpointOf(tmp))
                .isInstanceOf(UserError.class).hasMessageContaining("neither a checkpoint");
    }

    @Test
    void keepZeroKeepsEverything() {
        RunCheckpoints run = new RunCheckpoints(tmp.resolve("checkpoints"));
        for (long step = 1; step <= 3; step++) {
            run.save(step, writer(step), 0);
        }
        assertThat(run.list()).hasSize(3);
    }

    @Test
    void rotationNeverDeletesTheCheckpointLatestNames() {
        RunCheckpoints run = new RunCheckpoints(tmp.resolve("checkpoints"));
        Path first = run.save(1, writer(1), 0);
        run.save(2, writer(2), 0);
        run.save(3, writer(3), 0);
        run.markLatest(first);  // e.g. a user rolled back to step 1
        assertThat(run.rotate(1)).extracting(p -> p.getFileName().toString()).containsExactly("step-00000002");
        assertThat(run.list()).extracting(p -> p.getFileName().toString())
                .containsExactly("step-00000001", "step-00000003");
    }

    @Test
    void listOrdersByStepNumberAndIgnoresOtherEntries() throws IOException {
        RunCheckpoints run = new RunCheckpoints(tmp.resolve("checkpoints"));
        run.save(99_999_999L + 1, writer(1), 0);  // 9 digits sorts after 8 numerically
        run.save(7, writer(7), 0);
        Files.createDirectories(run.root().resolve("final"));
        Files.createDirectories(run.root().resolve(".step-00000009.staging-1-x"));
        assertThat(run.list()).extracting(p -> p.getFileName().toString())
                .containsExactly("step-00000007", "step-100000000");
        assertThat(RunCheckpoints.stepOf(run.root().resolve("final"))).isEqualTo(-1);
    }

    @Test
    void theLatestCheckpointIsNotOverwritten() {
        RunCheckpoints run = new RunCheckpoints(tmp.resolve("checkpoints"));
        run.save(5, writer(5), 0);
        assertThatThrownBy(() -> run.save(5, writer(5), 0)).isInstanceOf(UserError.class)
                .hasMessageContaining("step-00000005: is the latest checkpoint of this run already");
    }

    @Test
    void anOrphanNewerThanLatestIsReplacedWhenTheResumedRunReachesItsStep() {
        RunCheckpoints run = new RunCheckpoints(tmp.resolve("checkpoints"));
        run.save(1, writer(1), 0);
        // A run killed after publishing step 2 but before moving the pointer leaves this:
        writer(2).writeTo(run.dirForStep(2));
        assertThat(run.latest()).contains(run.dirForStep(1));

        CheckpointWriter redo = CheckpointWriter.create().config(TestCheckpoints.config())
                .weights(TestCheckpoints.weights())
                .trainerState(TrainerState.of(2, 99, 99), TestCheckpoints.bulkWeights(1, 8))
                .provenance(Provenance.of("resumed").withStep(2));
        Path dir = run.save(2, redo, 0);
        assertThat(run.latest()).contains(dir);
        assertThat(CheckpointReader.open(dir).trainerState().samplesSeen()).isEqualTo(99);
        assertThat(CheckpointWriterTest.hiddenEntries(run.root())).isEmpty();
    }

    @Test
    void aDanglingOrMalformedPointerIsReportedNotSkipped() throws IOException {
        RunCheckpoints run = new RunCheckpoints(tmp.resolve("checkpoints"));
        Files.createDirectories(run.root());
        Files.writeString(run.root().resolve("latest"), "step-00000042\n");
        assertThatThrownBy(run::latest).isInstanceOf(UserError.class)
                .hasMessageContaining("points to step-00000042, which does not exist");
        Files.writeString(run.root().resolve("latest"), "../elsewhere\n");
        assertThatThrownBy(run::latest).isInstanceOf(UserError.class)
                .hasMessageContaining("expected the name of a checkpoint directory");
    }

    @Test
    void markLatestOnlyAcceptsDirectoriesOfThisRun() {
        RunCheckpoints run = new RunCheckpoints(tmp.resolve("checkpoints"));
        assertThatThrownBy(() -> run.markLatest(tmp.resolve("elsewhere"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staleWorkDirectoriesOfDeadProcessesAreCleanedAndLiveOnesKept() throws Exception {
        RunCheckpoints run = new RunCheckpoints(tmp.resolve("checkpoints"));
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long deadPid = p.pid();
        long ownPid = ProcessHandle.current().pid();
        Path stale = Files.createDirectories(run.root().resolve(".step-00000002.staging-" + deadPid + "-123"));
        Files.writeString(stale.resolve("config.json"), "{}");
        Path staleDelete = Files.createDirectories(run.root().resolve(".step-00000001.deleting-" + deadPid + "-9"));
        Path live = Files.createDirectories(run.root().resolve(".step-00000003.staging-" + ownPid + "-456"));

        run.save(4, writer(4), 0);

        assertThat(stale).doesNotExist();
        assertThat(staleDelete).doesNotExist();
        assertThat(live).exists();
    }

    @Test
    void readerRefusesAStagingDirectory() throws IOException {
        Path staging = Files.createDirectories(tmp.resolve(".step-00000002.staging-1-123"));
        assertThatThrownBy(() -> CheckpointReader.open(staging)).isInstanceOf(UserError.class)
                .hasMessageContaining("unfinished save");
    }
}
