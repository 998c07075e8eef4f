package io.step3vl.plugins.model;

import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import io.step3vl.model.ForwardDump;
import io.step3vl.model.runtime.DeviceChoice;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code step3vl model forward}: run the network on golden-named inputs, write every intermediate. */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = {"Run the forward pass on inputs named as in the golden cases and write every output.",
            "Inputs (safetensors): input_ids (batch, seq) I64; optional position_ids; optional images as "
                + "pixel_values (images, 3, G, G), patch_pixel_values (crops, 3, c, c) and num_patches (images). "
                + "With --only vision: pixel_values, patch_pixel_values or pixel_values_<view>.",
            "Outputs (F32 safetensors at --out): vision_out_global/crops, projector_out_global/crops, "
                + "image_features_merged, inputs_embeds, layer_<i>_out, final_hidden, logits, and the vision "
                + "tower's intermediates under global./local. (<view>. with --only vision).",
            "The model directory needs only config.json and the weights (no tokenizer)."},
        footer = {"%nExamples:",
            "  step3vl model forward --model models/tiny --inputs inputs.safetensors --out out.safetensors",
            "  step3vl model forward --model golden/b --inputs inputs.safetensors --only vision --out vision.safetensors",
            "  step3vl model forward --model ckpt --inputs in.safetensors --out out.safetensors --device cpu --json"})
public final class ForwardCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "Checkpoint directory (config.json + model.safetensors or index + shards).")
    Path model;

    @Option(names = "--inputs", paramLabel = "FILE", required = true, description = "Input tensors (safetensors).")
    Path inputs;

    @Option(names = "--only", paramLabel = "vision", description = "Run only part of the model: vision (tower + projector).")
    String only;

    @Option(names = "--ignore-unexpected", description = "Load even if the checkpoint has tensors the model does not use.")
    boolean ignoreUnexpected;

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        Path out = ctx.out().orElseThrow(() -> new UserError("--out: required: the safetensors file to write"));
        if (only != null && !only.equals("vision")) {
            throw new UserError("--only: expected 'vision', got '" + only + "'");
        }
        ModelRuntime runtime = ModelRuntime.of(DeviceChoice.parse(ctx.device().toString()));
        ctx.info("running " + (only == null ? "the full model" : "the vision tower and projector") + " from " + model
                + " on " + runtime.device().getDeviceType());
        List<String> written = ForwardDump.run(model, inputs, out,
                new ForwardDump.Options(only != null, ignoreUnexpected), runtime);
        if (ctx.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("out", out.toString());
            result.put("tensors", written);
            ctx.printJson(result);
        } else {
            ctx.stdout().println("wrote " + written.size() + " tensors to " + out);
            ctx.stdout().flush();
        }
        return ExitCode.OK;
    }
}
