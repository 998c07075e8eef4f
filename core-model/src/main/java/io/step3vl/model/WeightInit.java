package io.step3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.WeightLayout.Entry;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.runtime.Precision;
import io.step3vl.safetensors.DType;
import io.step3vl.safetensors.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random initialisation of every tensor of a config:
 * <ul>
 *   <li>linear and convolution weights: normal(0, 1/sqrt(fan_in)), fan_in = inputs × kernel area.
 *       HF's fixed 0.02 suits widths in the thousands (1/sqrt(4096) ≈ 0.016) but is 4x too small for
 *       the 128-wide {@code tiny}: its image-grounding plateau lasted 4x longer (docs/benchmarks.md, "Learning");</li>
 *   <li>token and position embeddings: normal(0, 0.02) (HF's {@code initializer_range});</li>
 *   <li>LayerNorm/RMSNorm weights 1, all biases and LayerNorm biases 0;</li>
 *   <li>LayerScale gammas {@code vision_config.ls_init_value} (0.1).</li>
 * </ul>
 * Each tensor draws from its own generator seeded from (seed, tensor name), so a tensor's values do
 * not depend on which other tensors exist or on the order they are produced.
 */
public final class WeightInit {
    /** Standard deviation of embedding tables (HF's {@code initializer_range}). */
    public static final double STD = 0.02;

    private WeightInit() {}

    /**
     * Lazily generated tensors for {@link io.step3vl.safetensors.SafetensorsWriter} or a checkpoint
     * writer: each is produced when written, so memory holds one tensor at a time.
     *
     * @param dtype F32, BF16 or F16
     */
    public static Map<String, Tensor> tensors(ModelConfig config, long seed, DType dtype) {
        if (dtype != DType.F32 && dtype != DType.BF16 && dtype != DType.F16) {
            throw new IllegalArgumentException("initialise as F32, BF16 or F16, not " + dtype);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        WeightLayout.of(config).entries().forEach((name, entry) ->
                out.put(name, Tensor.lazy(dtype, entry.shape(), () -> encode(values(config, seed, name, entry), dtype))));
        return out;
    }

    /** Randomly initialised parameters in {@code manager} (which they then own). */
    public static Parameters parameters(ModelConfig config, long seed, NDManager manager, Precision precision) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        WeightLayout.of(config).entries().forEach((name, entry) -> {
            // The created array aliases a Java buffer; keep a torch-owned copy and free the original.
            try (NDArray fp32 = manager.create(values(config, seed, name, entry), new Shape(entry.shape()))) {
                ai.djl.ndarray.types.DataType target = WeightLoader.targetType(entry.kind(), precision);
                arrays.put(name, target == fp32.getDataType() ? fp32.duplicate() : fp32.toType(target, true));
            }
        });
        return new Parameters(manager, arrays);
    }

    /** The initial values of one tensor, row-major. */
    static float[] values(ModelConfig config, long seed, String name, Entry entry) {
        long count = entry.elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + ": " + count + " elements do not fit one array");
        }
        float[] v = new float[(int) count];
        switch (entry.kind()) {
            case NORM_WEIGHT -> java.util.Arrays.fill(v, 1f);
            case NORM_BIAS, BIAS -> { }
            case LAYER_SCALE -> java.util.Arrays.fill(v, (float) config.vision().lsInitValue());
            case WEIGHT, EMBEDDING -> {
                SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
                double std = entry.kind() == WeightLayout.Kind.WEIGHT ? 1 / Math.sqrt(fanIn(entry.shape())) : STD;
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (random.nextGaussian() * std);
                }
            }
        }
        return v;
    }

    /** Inputs per output of a (out, in, kernel...) weight. */
    static long fanIn(long[] shape) {
        long fanIn = 1;
        for (int i = 1; i < shape.length; i++) {
            fanIn *= shape[i];
        }
        return fanIn;
    }

    private static ByteBuffer encode(float[] values, DType dtype) {
        return switch (dtype) {
            case F32 -> {
                ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(values);
                yield b;
            }
            case BF16 -> Tensor.bf16(values, values.length).bytes();
            case F16 -> Tensor.f16(values, values.length).bytes();
            default -> throw new IllegalArgumentException(dtype.toString());
        };
    }
}
