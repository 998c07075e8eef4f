package io.step3vl.plugins.training;

import io.step3vl.common.ExitCode;
import io.step3vl.common.Json;
import io.step3vl.model.runtime.DeviceChoice;
import io.step3vl.plugin.StageContext;
import io.step3vl.train.data.pack.AssistantScope;
import io.step3vl.train.data.read.SampleKind;
import io.step3vl.train.data.source.SourceSpec;
import io.step3vl.train.loop.TrainConfig;
import io.step3vl.train.loop.TrainResult;
import io.step3vl.train.loop.Trainer;
import io.step3vl.train.optim.AdamWConfig;
import io.step3vl.train.optim.Freeze;
import io.step3vl.train.optim.WeightDecayMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags of a supervised training stage (add with {@code @Mixin TrainOptions train;}). Defaults are
 * the tiny shapes-world settings; the recipes under examples/recipes/ set the paper's.
 */
public final class TrainOptions {
    /** The second paragraph of both training commands' help (annotation values must be constants). */
    public static final String RESUMABLE_HELP = "Resumable: the same command with the same --out continues from the "
            + "run's latest checkpoint, bit-exactly (weights, optimiser, schedule, data position; --resume DIR names "
            + "another run or checkpoint); Ctrl-C or SIGTERM saves a checkpoint and exits 130/143. Writes "
            + "RUN/metrics.jsonl, RUN/report.html and RUN/checkpoints/step-N (Hugging Face layout).";

    @Option(names = "--model", paramLabel = "DIR",
            description = "Starting checkpoint (config.json + weights + tokenizer).")
    Path model;

    @Option(names = "--data", paramLabel = "[NAME=]PATH[,PATH...][@WEIGHT]", split = " ",
            description = "Data sources (JSONL files, dirs, WebDataset .tar/.tar.gz/.tar.zst); repeat to mix by weight, "
                    + "e.g. --data text=t.jsonl@9 --data mm=m.jsonl@1.")
    List<String> data = new ArrayList<>();

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200", description = "Optimiser steps in total. Default: ${DEFAULT-VALUE}.")
    long steps;

    @Option(names = "--save-every", paramLabel = "N", defaultValue = "100",
            description = "Checkpoint every N steps (also at the end and on Ctrl-C/SIGTERM). Default: ${DEFAULT-VALUE}.")
    int saveEvery;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "3", description = "Checkpoints kept (0 = all). Default: ${DEFAULT-VALUE}.")
    int keep;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue from another run directory (its latest checkpoint) or a checkpoint directory. "
                    + "Not needed to continue --out itself: a run directory with checkpoints always continues.")
    Path resume;

    @Option(names = "--seq-len", paramLabel = "N", defaultValue = "256", description = "Tokens per packed sequence. Default: ${DEFAULT-VALUE}.")
    int seqLen;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "Packed sequences per micro-batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--accum", paramLabel = "N", defaultValue = "1", description = "Micro-batches per optimiser step. Default: ${DEFAULT-VALUE}.")
    int accum;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1e-3", description = "Peak learning rate (phase 1 start for two-phase). Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--min-lr", paramLabel = "LR", defaultValue = "1e-4", description = "Final learning rate. Default: ${DEFAULT-VALUE}.")
    double minLr;

    @Option(names = "--warmup", paramLabel = "STEPS",
            description = "Linear warm-up steps. Default: a tenth of --steps, at most 100.")
    Long warmup;

    @Option(names = "--schedule", paramLabel = "cosine|linear|constant|two-phase", defaultValue = "cosine",
            description = "Decay after warm-up; two-phase is the paper's pre-training schedule. Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--phase1-end-lr", paramLabel = "LR", defaultValue = "1e-5", description = "two-phase: phase 1 end LR. Default: ${DEFAULT-VALUE}.")
    double phase1EndLr;

    @Option(names = "--phase2-lr", paramLabel = "LR", defaultValue = "1e-5", description = "two-phase: phase 2 start LR. Default: ${DEFAULT-VALUE}.")
    double phase2Lr;

    @Option(names = "--phase1-fraction", paramLabel = "F", defaultValue = "0.75",
            description = "two-phase: share of the run in phase 1 (paper: 900B of 1.2T tokens). Default: ${DEFAULT-VALUE}.")
    double phase1Fraction;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "0.01", description = "Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--decay-mode", paramLabel = "adamw|l2", defaultValue = "adamw",
            description = "Decoupled (AdamW, the paper) or coupled L2 (StepFun's framework). Default: ${DEFAULT-VALUE}.")
    String decayMode;

    @Option(names = "--beta2", paramLabel = "B", defaultValue = "0.95", description = "Default: ${DEFAULT-VALUE}.")
    double beta2;

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "1.0", description = "Global grad-norm clip (0 = off). Default: ${DEFAULT-VALUE}.")
    double clip;

    @Option(names = "--freeze", paramLabel = "vision,projector,decoder", defaultValue = "none",
            description = "Components not trained (the paper trains all). Default: ${DEFAULT-VALUE}.")
    String freeze;

    @Option(names = "--assistant-turns", paramLabel = "last|all", defaultValue = "last",
            description = "SFT: train the assistant turns after the last user turn (StepFun's rule) or all. Default: ${DEFAULT-VALUE}.")
    String assistantTurns;

    @Option(names = "--shuffle-buffer", paramLabel = "N", defaultValue = "1000", description = "Default: ${DEFAULT-VALUE}.")
    int shuffleBuffer;

    @Option(names = "--max-bad", paramLabel = "N", defaultValue = "100",
            description = "Bad records skipped (and logged) before the run aborts. Default: ${DEFAULT-VALUE}.")
    long maxBad;

    @Option(names = "--nan-abort-after", paramLabel = "N", defaultValue = "5",
            description = "Consecutive non-finite losses (each step skipped) before the run aborts. Default: ${DEFAULT-VALUE}.")
    int nanAbortAfter;

    /** The run's config for {@code stage}; {@code SampleKind} follows the stage. */
    public TrainConfig toConfig(String stage, StageContext context) {
        SampleKind kind = stage.equals("sft") ? SampleKind.SFT : SampleKind.PRETRAIN;
        List<SourceSpec> sources = new ArrayList<>();
        for (String spec : data) {
            sources.add(SourceSpec.parse(spec, kind));
        }
        AdamWConfig optimizer = new AdamWConfig(0.9, beta2, 1e-8, weightDecay,
                decayMode.equalsIgnoreCase("l2") ? WeightDecayMode.L2 : WeightDecayMode.DECOUPLED, false);
        Path out = context.outOr(Path.of("runs", stage));
        return new TrainConfig(stage, model, sources, out, resume, steps, seqLen, batch, accum,
                new TrainConfig.ScheduleSpec(schedule.toLowerCase(Locale.ROOT), lr, minLr,
                        warmup != null ? warmup : Math.min(100, steps / 10), phase1EndLr, phase2Lr,
                        phase1Fraction),
                optimizer, clip, Freeze.parse(freeze),
                assistantTurns.equalsIgnoreCase("all") ? AssistantScope.ALL : AssistantScope.AFTER_LAST_USER,
                saveEvery, keep, context.seedOr(1), shuffleBuffer, maxBad, nanAbortAfter,
                DeviceChoice.valueOf(context.device().name()));
    }

    /** Runs the stage and maps how it ended to the exit code (130/143 after a signal, with a checkpoint saved). */
    public int run(String stage, StageContext context) {
        TrainConfig config = toConfig(stage, context).validated();
        TrainResult result = Trainer.run(config);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", result.status().name().toLowerCase(Locale.ROOT));
        summary.put("step", result.step());
        summary.put("checkpoint", String.valueOf(result.checkpoint()));
        summary.put("last_loss", result.lastLoss());
        summary.put("skipped_steps", result.skippedSteps());
        summary.put("run_dir", config.out().toString());
        if (context.json()) {
            context.stdout().println(Json.line(summary));
        } else {
            context.stdout().printf(Locale.ROOT, "%s: %s at step %d, loss %.4f; checkpoint %s; report %s%n", stage,
                    summary.get("status"), result.step(), result.lastLoss(), result.checkpoint(),
                    config.out().resolve("report.html"));
        }
        context.stdout().flush();
        if (result.status() == TrainResult.Status.STOPPED) {
            return "INT".equals(result.signal()) ? ExitCode.INTERRUPTED : ExitCode.TERMINATED;
        }
        if (result.status() == TrainResult.Status.DATA_EXHAUSTED) {
            context.warn("the data ran out after " + result.step() + " of " + config.steps() + " steps");
        }
        return ExitCode.OK;
    }
}
