package io.step3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.step3vl.common.UserError;
import io.step3vl.model.nn.Trace;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.safetensors.SafetensorsFile;
import io.step3vl.safetensors.SafetensorsWriter;
import io.step3vl.safetensors.Tensor;
import io.step3vl.safetensors.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The porters' tool behind {@code step3vl model forward}: runs the network on inputs named as in the
 * golden cases and writes every intermediate under the golden names, so another implementation can be
 * compared tensor by tensor. Needs only config.json and the weights.
 *
 * <p>Full forward inputs: {@code input_ids} (batch, seq) I64; optional {@code position_ids} (default
 * 0..seq-1 per row); optional images {@code pixel_values} (images, 3, G, G), {@code patch_pixel_values}
 * (crops, 3, c, c) and {@code num_patches} (images) I64. Outputs: {@code vision_out_global/crops},
 * {@code projector_out_global/crops}, {@code image_features_merged}, {@code inputs_embeds},
 * {@code layer_<i>_out}, {@code final_hidden}, {@code logits}, plus the towers' intermediates under
 * {@code global.} / {@code local.}.
 *
 * <p>Vision only: every rank-4 float input named {@code pixel_values_<view>} (or {@code pixel_values} =
 * view {@code global}, {@code patch_pixel_values} = view {@code local}) goes through the tower and the
 * projector; outputs are {@code <view>.patch_embed}, {@code .pos_embed}, {@code .embed_with_pos},
 * {@code .ln_pre_out}, {@code .rope_cos}, {@code .rope_sin}, {@code .block_<i>_out}, {@code .vision_out},
 * {@code .downsampler1_out}, {@code .downsampler2_out}, {@code .projector_out}.
 */
public final class ForwardDump {
    /** What to run. */
    public record Options(boolean visionOnly, boolean ignoreUnexpected) {}

    private ForwardDump() {}

    /** @return the names written, in order */
    public static List<String> run(Path modelDir, Path inputs, Path out, Options options, ModelRuntime runtime) {
        LoadOptions load = options.visionOnly() ? LoadOptions.visionOnly() : LoadOptions.all();
        if (options.ignoreUnexpected()) {
            load = load.ignoringUnexpected();
        }
        try (SafetensorsFile in = SafetensorsFile.open(inputs);
             StepVLModel model = StepVLModel.load(modelDir, runtime, load);
             NDManager manager = runtime.newManager();
             Trace trace = new Trace()) {
            if (options.visionOnly()) {
                runVision(model, in, manager, trace);
            } else {
                runFull(model, in, manager, trace);
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : trace.arrays().entrySet()) {
                NDArray a = e.getValue().toType(DataType.FLOAT32, false);
                tensors.put(e.getKey(), Tensor.f32(a.toFloatArray(), a.getShape().getShape()));
            }
            SafetensorsWriter.write(out, tensors, Map.of("model", modelDir.toString(), "inputs", inputs.toString()));
            return new ArrayList<>(tensors.keySet());
        }
    }

    private static void runFull(StepVLModel model, SafetensorsFile in, NDManager m, Trace trace) {
        NDArray ids = longs(m, in, "input_ids", 2);                                            // (b, s)
        Shape tokens = ids.getShape();
        NDArray positions = in.contains("position_ids") ? longs(m, in, "position_ids", 2)
                : m.arange(0, (int) tokens.get(1), 1, DataType.INT64).reshape(1, tokens.get(1)).repeat(0, tokens.get(0));
        if (!positions.getShape().equals(tokens)) {
            throw UserError.at(in.path(), "position_ids: expected shape " + tokens + " like input_ids, got " + positions.getShape());
        }
        ImageInputs images = null;
        if (in.contains("pixel_values")) {
            NDArray global = floats(m, in, "pixel_values");                                    // (images, 3, G, G)
            long count = global.getShape().get(0);
            long[] perImage = in.contains("num_patches") ? in.readLong("num_patches") : new long[(int) count];
            if (perImage.length != count) {
                throw UserError.at(in.path(), "num_patches: expected one count per image (" + count + "), got " + perImage.length);
            }
            NDArray crops = in.contains("patch_pixel_values") ? floats(m, in, "patch_pixel_values") : null;
            images = new ImageInputs(global, crops, perImage);
        }
        model.forward(ids, positions, images, trace);
    }

    private static void runVision(StepVLModel model, SafetensorsFile in, NDManager m, Trace trace) {
        int patch = model.config().vision().patchSize();
        int views = 0;
        for (TensorInfo info : in.tensors().values()) {
            String view = viewName(info.name());
            if (view == null) {
                continue;
            }
            NDArray pixels = floats(m, in, info.name());
            if (pixels.getShape().dimension() != 4) {
                throw UserError.at(in.path(), info.name() + ": expected (n, 3, H, W) pixels, got " + pixels.getShape());
            }
            NDArray features = model.vision().forward(pixels, trace, view + ".");
            model.projector().forward(features, (int) (pixels.getShape().get(2) / patch),
                    (int) (pixels.getShape().get(3) / patch), trace, view + ".");
            views++;
        }
        if (views == 0) {
            throw UserError.at(in.path(), "no pixel inputs: expected pixel_values, patch_pixel_values or pixel_values_<view>");
        }
    }

    /** The view prefix for a pixel input name, or null for other tensors. */
    static String viewName(String name) {
        if (name.equals("pixel_values")) {
            return "global";
        }
        if (name.equals("patch_pixel_values")) {
            return "local";
        }
        return name.startsWith("pixel_values_") && name.length() > "pixel_values_".length()
                ? name.substring("pixel_values_".length()) : null;
    }

    private static NDArray floats(NDManager m, SafetensorsFile in, String name) {
        require(in, name);
        return m.create(in.readFloat(name), new Shape(in.info(name).shape()));
    }

    private static NDArray longs(NDManager m, SafetensorsFile in, String name, int rank) {
        require(in, name);
        TensorInfo info = in.info(name);
        if (info.dtype().isFloating() || info.rank() != rank) {
            throw UserError.at(in.path(), name + ": expected a rank-" + rank + " integer tensor, got "
                    + info.dtype() + java.util.Arrays.toString(info.shape()));
        }
        return m.create(in.readLong(name), new Shape(info.shape()));
    }

    private static void require(SafetensorsFile in, String name) {
        if (!in.contains(name)) {
            throw UserError.at(in.path(), "missing input tensor '" + name + "'");
        }
    }
}
