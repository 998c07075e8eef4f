package io.step3vl.plugins.model;

import io.step3vl.checkpoint.Provenance;
import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import io.step3vl.inference.local.PresetCheckpoint;
import io.step3vl.model.WeightLayout;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageCommand;
import io.step3vl.plugin.StageContext;
import io.step3vl.safetensors.DType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code step3vl init}: a randomly initialised checkpoint of a preset. */
@Extension
@Command(name = "init",
        description = {"Write a randomly initialised checkpoint for a model preset.",
            "Presets: step3-vl-10b (the release's architecture, 10.17 B parameters), tiny (about 1.5 M; "
                + "trains on CPU in minutes; the toy byte-level tokenizer's 512 ids), small (about 105 M; "
                + "for benchmarks).",
            "Initialisation: linear and convolution weights ~ normal(0, 1/sqrt(fan_in)); token and position "
                + "embeddings ~ normal(0, 0.02); "
                + "LayerNorm/RMSNorm weights 1; biases 0; LayerScale gammas = vision_config.ls_init_value (0.1). "
                + "Each tensor has its own generator seeded from --seed and its name, so the same seed "
                + "gives the same weights.",
            "Writes config.json, generation_config.json, model.safetensors (model-0000N.safetensors + "
                + "index above 5 GB), step3vl.json and, for tiny and small, the toy tokenizer (tokenizer.json, tokenizer_config.json, "
                + "chat_template.jinja) into --out, atomically. step3-vl-10b has no tokenizer here: copy the "
                + "release's tokenizer files in to train or chat with it."},
        footer = {"%nExamples:",
            "  step3vl init --preset tiny --out models/tiny",
            "  step3vl init --preset small --out models/small --seed 7 --dtype bf16",
            "  step3vl init --preset tiny --out models/tiny --overwrite --json"})
public final class InitCommand implements StageCommand, Callable<Integer> {
    /** Default --seed: any fixed number; stated so two users get the same tiny model. */
    static final long DEFAULT_SEED = 20250101L;

    @Mixin
    CommonOptions common;

    @Option(names = "--preset", paramLabel = "NAME", required = true, completionCandidates = PresetNames.class,
            description = "Model preset: ${COMPLETION-CANDIDATES}.")
    String preset;

    @Option(names = "--dtype", paramLabel = "f32|bf16|f16", defaultValue = "f32",
            description = "Stored weight dtype. Default: ${DEFAULT-VALUE}.")
    String dtype;

    @Option(names = "--overwrite", description = "Replace an existing directory at --out.")
    boolean overwrite;

    @Override
    public String group() {
        return StageCommand.MODELS_AND_DATA;
    }

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        Path out = ctx.out().orElseThrow(() -> new UserError("--out: required: the checkpoint directory to create"));
        if (java.nio.file.Files.exists(out) && !overwrite) {
            throw UserError.at(out, "already exists; choose a new directory or pass --overwrite");
        }
        ModelConfig config = Presets.get(preset);
        DType stored = storedType(dtype);
        long seed = ctx.seedOr(DEFAULT_SEED);
        WeightLayout layout = WeightLayout.of(config);
        ctx.info("initialising " + preset + " (" + String.format(Locale.ROOT, "%,d", layout.parameterCount())
                + " parameters, " + stored + ", seed " + seed + ") into " + out);
        Path written = PresetCheckpoint.writer(preset, seed, stored)
                .provenance(Provenance.of("init").withCommandLine(List.of("step3vl", "init", "--preset", preset,
                        "--seed", Long.toString(seed), "--dtype", dtype)))
                .overwrite(overwrite)
                .writeTo(out);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("checkpoint", written.toString());
        result.put("preset", preset);
        result.put("parameters", layout.parameterCount());
        result.put("dtype", stored.name());
        result.put("seed", seed);
        if (ctx.json()) {
            ctx.printJson(result);
        } else {
            ctx.stdout().println("wrote " + written + " (" + preset + ", "
                    + String.format(Locale.ROOT, "%,d", layout.parameterCount()) + " parameters, " + stored + ")");
            ctx.stdout().flush();
        }
        return ExitCode.OK;
    }

    static DType storedType(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "f32", "fp32", "float32" -> DType.F32;
            case "bf16", "bfloat16" -> DType.BF16;
            case "f16", "fp16", "float16" -> DType.F16;
            default -> throw new UserError("--dtype: expected f32, bf16 or f16, got '" + value + "'");
        };
    }

    /** Completion candidates and help text for --preset. */
    static final class PresetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Presets.names().iterator();
        }
    }
}
