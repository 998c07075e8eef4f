package io.step3vl.checkpoint;

import io.step3vl.safetensors.Tensor;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child-JVM entry point for {@link CrashSafetyTest}: saves step {@code STEP} of a run under ROOT
 * ({@code TENSORS} tensors of {@code ELEMENTS} floats, shards of {@code SHARD_BYTES}) and prints each
 * save event on its own line so the parent can kill it at a chosen point.
 *
 * <p>Usage: {@code SaveChild ROOT STEP TENSORS ELEMENTS SHARD_BYTES}
 */
public final class SaveChild {
    private SaveChild() {}

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        long step = Long.parseLong(args[1]);
        int tensors = Integer.parseInt(args[2]);
        int elements = Integer.parseInt(args[3]);
        long shardBytes = Long.parseLong(args[4]);
        Map<String, Tensor> weights = TestCheckpoints.bulkWeights(tensors, elements);
        CheckpointWriter writer = CrashSafetyTest.writer(step, weights, shardBytes).observer(new SaveObserver() {
            @Override
            public void fileStaged(String relativePath, long bytes) {
                emit("staged " + relativePath);
            }

            @Override
            public void publishing(Path staging, Path target) {
                emit("publishing");
            }

            @Override
            public void published(Path target) {
                emit("published");
            }
        });
        new RunCheckpoints(root).save(step, writer, 0);
        emit("done");
    }

    private static void emit(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
