package io.step3vl.checkpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Json;
import io.step3vl.safetensors.DType;
import io.step3vl.safetensors.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deterministic small checkpoints with the release's tensor names, for tests. */
public final class TestCheckpoints {
    private TestCheckpoints() {}

    public static ObjectNode config() {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("model_type", "step_robotics");
        c.putArray("architectures").add("StepVLForConditionalGeneration");
        c.put("image_token_id", 501);
        c.putObject("text_config").put("hidden_size", 8).put("vocab_size", 16);
        c.putObject("vision_config").put("width", 4).put("patch_size", 14);
        return c;
    }

    /** Value {@code i} of tensor number {@code t}: distinct everywhere, exactly representable. */
    public static float value(int t, long i) {
        return t * 1000 + (i % 997) * 0.5f;
    }

    /** A lazily generated F32 tensor whose elements are {@link #value(int, long)}. */
    public static Tensor tensor(int t, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        long count = n;
        return Tensor.lazy(DType.F32, shape, () -> {
            ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(count * 4)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                b.putFloat(i * 4, value(t, i));
            }
            return b;
        });
    }

    /** A miniature STEP3-VL: vision (2 tensors), projector (downsampler bias + linear), decoder (4); 1,192 parameters. */
    public static Map<String, Tensor> weights() {
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("vision_model.conv1.weight", tensor(0, 4, 3, 2, 2));                          // 48
        w.put("vision_model.positional_embedding", tensor(1, 16, 4));                       // 64
        w.put("vision_model.vit_downsampler1.bias", tensor(2, 8));                          // 8
        w.put("vit_large_projector.weight", tensor(3, 8, 16));                              // 128
        w.put("model.embed_tokens.weight", tensor(4, 16, 8));                               // 128
        w.put("model.layers.0.self_attn.q_proj.weight", tensor(5, 8, 8));                   // 64
        w.put("model.norm.weight", tensor(6, 8));                                           // 8
        w.put("lm_head.weight", tensor(7, 93, 8));                                          // 744
        return w;
    }

    /** {@code count} tensors of {@code elements} floats each under decoder-like names. */
    public static Map<String, Tensor> bulkWeights(int count, int elements) {
        Map<String, Tensor> w = new LinkedHashMap<>();
        for (int t = 0; t < count; t++) {
            w.put("model.layers." + t + ".mlp.up_proj.weight", tensor(t, elements));
        }
        return w;
    }
}
