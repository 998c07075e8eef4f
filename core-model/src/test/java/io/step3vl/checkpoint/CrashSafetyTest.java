package io.step3vl.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.safetensors.Tensor;
import io.step3vl.safetensors.TensorStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a checkpoint save with SIGKILL at many points (a child JVM running {@link SaveChild}) and checks
 * that the run always has a valid {@code latest} checkpoint, that the new one is either absent or
 * complete and intact, and that the dead process's staging directory is ignored by readers and
 * removed by the next save.
 */
class CrashSafetyTest {
    // 8 tensors x 512K floats = 16 MB of weights in 8 shards, plus 2 optimiser tensors (4 MB).
    private static final int TENSORS = 8;
    private static final int ELEMENTS = 1 << 19;
    private static final long SHARD_BYTES = 2L << 20;

    @TempDir
    Path tmp;

    static CheckpointWriter writer(long step, Map<String, Tensor> weights, long shardBytes) {
        return CheckpointWriter.create().config(TestCheckpoints.config()).weights(weights).shardLimitBytes(shardBytes)
                .trainerState(TrainerState.of(step, step, step).withRng("data", step, 7),
                        TestCheckpoints.bulkWeights(2, ELEMENTS))
                .provenance(Provenance.of("crash-test").withStep(step));
    }

    /** A kill point: after the child prints {@code line}, or {@code delayMs} after it starts. */
    private record KillPoint(String line, long delayMs) {
        @Override
        public String toString() {
            return line != null ? "after '" + line + "'" : delayMs + " ms after start";
        }
    }

    @Test
    void aKilledSaveNeverLeavesACheckpointThatLooksComplete() throws Exception {
        List<KillPoint> points = List.of(
                new KillPoint("staged config.json", 0),
                new KillPoint("staged model-00002.safetensors", 0),
                new KillPoint("staged model-00007.safetensors", 0),
                new KillPoint("staged model.safetensors.index.json", 0),
                new KillPoint("staged trainer_state/state.json", 0),
                new KillPoint("staged trainer_state/optimizer.safetensors", 0),
                new KillPoint("publishing", 0),
                new KillPoint("published", 0),
                new KillPoint(null, 300),
                new KillPoint(null, 700),
                new KillPoint(null, 1200));
        int absent = 0;
        int complete = 0;
        for (int i = 0; i < points.size(); i++) {
            KillPoint point = points.get(i);
            RunCheckpoints run = new RunCheckpoints(tmp.resolve("run-" + i));
            run.save(1, writer(1, TestCheckpoints.bulkWeights(2, 16), SHARD_BYTES), 0);

            killSaveAt(run.root(), point);

            Path target = run.dirForStep(2);
            if (Files.exists(target)) {
                assertIntact(target);
                complete++;
            } else {
                absent++;
            }
            Path latest = run.latest().orElseThrow();
            assertThat(latest).as("latest at kill point %s", point).isIn(run.dirForStep(1), target);
            CheckpointReader.open(latest).verify();
            assertThat(run.list()).as("readers never list work directories")
                    .allMatch(p -> !p.getFileName().toString().startsWith("."));

            // The resumed run redoes step 2 (replacing an orphan published before the pointer moved),
            // or goes on to step 3 when the pointer had already moved.
            long next = latest.equals(target) ? 3 : 2;
            run.save(next, writer(next, TestCheckpoints.bulkWeights(2, 16), SHARD_BYTES), 0);
            assertThat(hiddenDirectories(run.root())).as("the next save removes the dead save's leftovers").isEmpty();
            assertThat(run.latest()).contains(run.dirForStep(next));
            CheckpointReader.open(run.dirForStep(next)).verify();
        }
        assertThat(absent).as("kills before the publish leave no target").isGreaterThanOrEqualTo(6);
        assertThat(complete).as("a kill after the publish leaves the complete checkpoint").isGreaterThanOrEqualTo(1);
    }

    private static void killSaveAt(Path root, KillPoint point) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                SaveChild.class.getName(), root.toString(), "2", Integer.toString(TENSORS), Integer.toString(ELEMENTS),
                Long.toString(SHARD_BYTES));
        pb.redirectErrorStream(true);
        Process child = pb.start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            if (point.line() == null) {
                Thread.sleep(point.delayMs());
            } else {
                String line;
                while ((line = out.readLine()) != null) {
                    seen.add(line);
                    if (line.equals(point.line())) {
                        break;
                    }
                }
                assertThat(seen).as("child output").contains(point.line());
            }
            child.destroyForcibly();  // SIGKILL: no shutdown hooks, no finally blocks
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    private static void assertIntact(Path dir) {
        CheckpointReader ckpt = CheckpointReader.open(dir);
        ckpt.verify();
        assertThat(ckpt.trainerState().step()).isEqualTo(2);
        try (TensorStore store = ckpt.openWeights()) {
            assertThat(store.names()).hasSize(TENSORS);
            float[] last = store.readFloat("model.layers.7.mlp.up_proj.weight");
            assertThat(last[ELEMENTS - 1]).isEqualTo(TestCheckpoints.value(7, ELEMENTS - 1));
        }
    }

    private static List<Path> hiddenDirectories(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
