package io.step3vl.train.loop;

import io.step3vl.checkpoint.RunCheckpoints;
import io.step3vl.common.UserError;
import io.step3vl.model.runtime.DeviceChoice;
import io.step3vl.train.data.pack.AssistantScope;
import io.step3vl.train.data.source.SourceSpec;
import io.step3vl.train.optim.AdamWConfig;
import io.step3vl.train.optim.Freeze;
import io.step3vl.train.optim.LrSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything one supervised run needs, resolved from recipe + flags by the plugin.
 *
 * @param stage          "pretrain" or "sft": decides the loss mask (all text vs assistant turns)
 * @param model          starting checkpoint directory
 * @param data           sources with mixing weights (text:multimodal 9:1 is two sources @9 and @1)
 * @param out            run directory: checkpoints/, metrics.jsonl, report.html, config.json of the run
 * @param resume         a run directory (its latest checkpoint) or a checkpoint to continue; null = fresh
 * @param steps          optimiser steps in total (a resumed run continues up to this)
 * @param seqLen         tokens per packed sequence
 * @param batch          packed sequences per micro-batch
 * @param accum          micro-batches per optimiser step
 * @param schedule       learning-rate schedule settings
 * @param optimizer      AdamW settings
 * @param clip           global grad-norm limit (0 = off)
 * @param freeze         components not trained
 * @param assistantScope SFT: which assistant turns are trained
 * @param saveEvery      checkpoint every N steps (0 = only at the end and on a stop signal)
 * @param keep           checkpoints kept (older ones deleted; 0 = all)
 * @param seed           data order
 * @param shuffleBuffer  records held for shuffling
 * @param maxBad         bad records tolerated before the run aborts
 * @param nanAbortAfter  consecutive non-finite losses tolerated before the run aborts
 * @param device         where to train
 */
public record TrainConfig(String stage, Path model, List<SourceSpec> data, Path out, Path resume, long steps,
                          int seqLen, int batch, int accum, ScheduleSpec schedule, AdamWConfig optimizer, double clip,
                          Set<Freeze> freeze, AssistantScope assistantScope, int saveEvery, int keep, long seed,
                          int shuffleBuffer, long maxBad, int nanAbortAfter, DeviceChoice device) {

    /** Learning-rate schedule: warm-up then constant/linear/cosine, or the paper's two phases. */
    public record ScheduleSpec(String kind, double lr, double minLr, long warmup, double phase1EndLr, double phase2Lr,
                               double phase1Fraction) {
        public LrSchedule build(long totalSteps) {
            return switch (kind) {
                case "two-phase" -> LrSchedule.twoPhase(lr, phase1EndLr, phase2Lr, minLr, phase1Fraction, warmup,
                        totalSteps, LrSchedule.Decay.LINEAR, LrSchedule.Unit.STEPS);
                case "constant" -> LrSchedule.warmupDecay(lr, lr, warmup, totalSteps, LrSchedule.Decay.CONSTANT, LrSchedule.Unit.STEPS);
                case "linear" -> LrSchedule.warmupDecay(lr, minLr, warmup, totalSteps, LrSchedule.Decay.LINEAR, LrSchedule.Unit.STEPS);
                case "cosine" -> LrSchedule.warmupDecay(lr, minLr, warmup, totalSteps, LrSchedule.Decay.COSINE, LrSchedule.Unit.STEPS);
                default -> throw new UserError("schedule: expected cosine, linear, constant or two-phase, got " + kind);
            };
        }
    }

    /** Every problem at once, each naming its option; empty when the config can run. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!stage.equals("pretrain") && !stage.equals("sft")) {
            p.add("stage: expected pretrain or sft, got " + stage);
        }
        if (model == null) {
            p.add("model: a starting checkpoint directory is required (step3vl init --preset tiny --out DIR makes one)");
        } else if (!Files.isRegularFile(model.resolve("config.json"))
                && !Files.isRegularFile(model.resolve(RunCheckpoints.RUN_SUBDIR).resolve(RunCheckpoints.LATEST))) {
            p.add("model: " + model + " has no config.json (nor checkpoints/latest of a run directory)");
        }
        if (data.isEmpty()) {
            p.add("data: at least one data path is required");
        }
        if (out == null) {
            p.add("out: a run directory is required");
        }
        if (steps <= 0) {
            p.add("steps: expected a positive number of optimiser steps, got " + steps);
        }
        if (seqLen < 8) {
            p.add("seq-len: expected at least 8 tokens, got " + seqLen);
        }
        if (batch <= 0) {
            p.add("batch: expected at least 1 packed sequence per micro-batch, got " + batch);
        }
        if (accum <= 0) {
            p.add("accum: expected at least 1 micro-batch per step, got " + accum);
        }
        if (!(schedule.lr() > 0)) {
            p.add("lr: expected a positive learning rate, got " + schedule.lr());
        }
        if (schedule.minLr() < 0) {
            p.add("min-lr: expected >= 0, got " + schedule.minLr());
        }
        if (schedule.warmup() < 0 || schedule.warmup() > steps) {
            p.add("warmup: expected between 0 and steps (" + steps + "), got " + schedule.warmup());
        }
        if (!List.of("cosine", "linear", "constant", "two-phase").contains(schedule.kind())) {
            p.add("schedule: expected cosine, linear, constant or two-phase, got " + schedule.kind());
        }
        if (schedule.phase1Fraction() <= 0 || schedule.phase1Fraction() >= 1) {
            p.add("phase1-fraction: expected a fraction in (0, 1), got " + schedule.phase1Fraction());
        }
        if (clip < 0) {
            p.add("clip: expected >= 0 (0 disables clipping), got " + clip);
        }
        if (freeze.size() == Freeze.values().length) {
            p.add("freeze: every component is frozen, nothing would train");
        }
        if (saveEvery < 0) {
            p.add("save-every: expected >= 0, got " + saveEvery);
        }
        if (keep < 0) {
            p.add("keep: expected >= 0 (0 keeps all), got " + keep);
        }
        if (nanAbortAfter <= 0) {
            p.add("nan-abort-after: expected >= 1, got " + nanAbortAfter);
        }
        if (resume != null && !Files.isDirectory(resume)) {
            p.add("resume: " + resume + " is not a directory");
        }
        return p;
    }

    /** The starting checkpoint: {@link #model} itself, or the latest checkpoint when it is a run directory. */
    public Path modelCheckpoint() {
        return RunCheckpoints.checkpointOf(model);
    }

    /** Throws one {@link UserError} listing every problem. */
    public TrainConfig validated() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new UserError(p.size() == 1 ? p.get(0) : p.size() + " config problems: " + String.join("; ", p));
        }
        return this;
    }
}
