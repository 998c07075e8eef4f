package io.step3vl.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.step3vl.model.runtime.ModelRuntime;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A backward pass must not depend on what the garbage collector did since the forward pass. DJL's
 * PyTorch engine wraps Java buffers without copying (arrays made with {@code create}, and the scalar
 * operand of {@code x.mul(1.7f)}) and frees them once the array is closed and collected; an op that
 * saved such a tensor for its backward then reads freed memory. {@link Ops#mul}, {@link Ops#div},
 * {@link Ops#pow} and {@link Ops#constant} use engine-owned memory instead. (With DJL's own
 * {@code x.mul(1.702f).div(3f).pow(2f)} in place of the helpers, the scribbled gradient differs from the
 * clean one on this machine: that is how the bug showed, as random non-finite training steps.)
 */
class BackwardAfterGcTest {
    /** Gradient of sum(f(x)) w.r.t. x, with the freed native memory scribbled over between forward and backward. */
    private static float[] gradient(NDManager m, Function<NDArray, NDArray> f, boolean scribble) throws InterruptedException {
        try (NDManager step = m.newSubManager()) {
            NDArray x = step.arange(1f, 65f).reshape(8, 8);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y;
                try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                    y = f.apply(x).sum();       // intermediates closed here, as Scoped does
                    ai.djl.ndarray.NDScope.unregister(y);
                }
                if (scribble) {
                    scribble();
                }
                collector.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /** Lets the collector free unreachable direct buffers, then fills fresh small ones with NaN bytes. */
    private static void scribble() throws InterruptedException {
        List<ByteBuffer> junk = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(20); // the Cleaner thread frees the native memory
            for (int i = 0; i < 20_000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4 + (i % 4) * 4);
                while (b.hasRemaining()) {
                    b.put((byte) 0xFF);
                }
                junk.add(b);
            }
        }
        junk.clear();
    }

    @Test
    void scalarAndConstantOperandsSurviveAGarbageCollectionBeforeBackward() throws InterruptedException {
        try (NDManager m = ModelRuntime.cpu().newManager()) {
            Function<NDArray, NDArray> f = x -> {
                NDArray w = Ops.constant(x.getManager(), new float[] {0.5f, -2f, 3f, 0.25f, 1f, -1f, 2f, 4f}, new Shape(8));
                return Ops.pow(Ops.div(Ops.mul(x, 1.702f).mul(w), 3f), 2f);
            };
            float[] clean = gradient(m, f, false);
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThat(gradient(m, f, true)).as("attempt %d", attempt).containsExactly(clean);
            }
            assertThat(clean[9]).isCloseTo(2f * (1.702f * 10f * -2f / 3f) * (1.702f * -2f / 3f), org.assertj.core.data.Offset.offset(1e-3f));
        }
    }
}
