package io.step3vl.train.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.checkpoint.CheckpointReader;
import io.step3vl.checkpoint.CheckpointWriter;
import io.step3vl.checkpoint.Provenance;
import io.step3vl.checkpoint.RunCheckpoints;
import io.step3vl.checkpoint.TensorSources;
import io.step3vl.checkpoint.TrainerState;
import io.step3vl.common.Json;
import io.step3vl.common.MetricsLog;
import io.step3vl.common.Progress;
import io.step3vl.common.UserError;
import io.step3vl.image.ImageDecoder;
import io.step3vl.image.ImageProcessor;
import io.step3vl.model.LoadOptions;
import io.step3vl.model.StepVLModel;
import io.step3vl.model.config.GenerationConfig;
import io.step3vl.model.nn.Ops;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.safetensors.SafetensorsFile;
import io.step3vl.tokenizer.TextTokenizer;
import io.step3vl.tokenizer.chat.ChatTemplate;
import io.step3vl.train.data.SampleStream;
import io.step3vl.train.data.pack.PackedPosition;
import io.step3vl.train.data.pack.PackedStream;
import io.step3vl.train.data.pack.Pack;
import io.step3vl.train.data.read.BadRecords;
import io.step3vl.train.data.read.ReaderOptions;
import io.step3vl.train.data.read.SampleKind;
import io.step3vl.train.data.source.DataLoader;
import io.step3vl.train.data.source.MixedStream;
import io.step3vl.train.loss.TokenLoss;
import io.step3vl.train.optim.AdamW;
import io.step3vl.train.optim.Freeze;
import io.step3vl.train.optim.GradClip;
import io.step3vl.train.optim.LrSchedule;
import io.step3vl.train.tokenize.SampleTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pre-training and SFT: one recipe that reads top to bottom — validate, set up (model, optimiser,
 * data, resume state), the visible loop, save, report. Pre-training and SFT differ only in the
 * loss mask (all text tokens vs assistant turns) and their data mixes.
 *
 * <p>Resume is bit-exact: a checkpoint holds the FP32 weights, the optimiser moments and step, the
 * token counter and the packed data stream's position, so a run stopped at step k and resumed
 * computes the same steps k+1… as a run that never stopped.
 */
public final class Trainer {
    private static final String CHECKPOINTS = RunCheckpoints.RUN_SUBDIR;

    private Trainer() {}

    public static TrainResult run(TrainConfig config) {
        try (StopSignals signals = new StopSignals()) {
            return run(config, signals);
        }
    }

    static TrainResult run(TrainConfig config, StopSignals signals) {
        // ---- validate everything before loading weights
        config.validated();
        RunCheckpoints checkpoints = new RunCheckpoints(config.out().resolve(CHECKPOINTS));
        // a run directory that already has checkpoints continues from its latest (a killed job re-run
        // with the same command picks up where it stopped) rather than silently starting over
        Path resumeFrom = config.resume() != null ? resolveResume(config.resume()) : checkpoints.latest().orElse(null);
        Path startModel = config.modelCheckpoint();
        Path weightsDir = resumeFrom != null ? resumeFrom : startModel;
        MetricsLog metrics = new MetricsLog(config.out().resolve("metrics.jsonl"));
        metrics.truncateAfterStep(resumeFrom == null ? 0 : CheckpointReader.open(resumeFrom).trainerState().step());
        io.step3vl.common.AtomicFiles.writeString(config.out().resolve("train_config.json"), Json.pretty(describe(config)));

        // ---- model, tokenizer, optimiser, resume state
        ModelRuntime runtime = ModelRuntime.of(config.device());
        TrainerState state = TrainerState.of(0, 0, 0);
        try (StepVLModel model = StepVLModel.load(weightsDir, runtime, LoadOptions.all());
             TextTokenizer tokenizer = TextTokenizer.load(weightsDir);
             AdamW optimizer = new AdamW(config.optimizer(), model.parameters().manager())) {
            Map<String, NDArray> trainable = new LinkedHashMap<>();
            model.parameters().asMap().forEach((name, array) -> {
                boolean train = !Freeze.isFrozen(config.freeze(), name);
                array.setRequiresGradient(train);
                if (train) {
                    trainable.put(name, array);
                }
            });
            if (resumeFrom != null) {
                state = restore(resumeFrom, optimizer);
            }
            GenerationConfig generation = GenerationConfig.read(weightsDir, model.config());
            ImageProcessor images = ImageProcessor.forModel(model.config(), c -> (int) tokenizer.requireTokenId(c),
                    weightsDir.toString());
            SampleTokenizer sampleTokenizer = new SampleTokenizer(tokenizer, ChatTemplate.require(tokenizer), images,
                    config.assistantScope(), generation.bosTokenId() == null ? generation.stopTokenIds().get(0) : generation.bosTokenId(),
                    generation.stopTokenIds());
            LrSchedule schedule = config.schedule().build(config.steps());
            PackedPosition dataFrom = state.dataCursor().isNull() ? null : PackedPosition.fromJson(state.dataCursor().toString());
            BadRecords bad = BadRecords.toStderr(config.maxBad());
            ReaderOptions readerOptions = ReaderOptions.builder().seed(config.seed()).shuffleBuffer(config.shuffleBuffer())
                    .epochs(0).kind(config.stage().equals("sft") ? SampleKind.SFT : SampleKind.PRETRAIN).build();
            ImageDecoder decoder = ImageDecoder.withDefaults();

            // ---- the loop
            long step = state.step();
            long tokensSeen = state.tokensSeen();
            long samplesSeen = state.samplesSeen();
            long skipped = state.extra().path("skipped_steps").asLong(0);
            int nanStreak = 0;
            double lastLoss = lastLoggedLoss(metrics); // a resumed run that has nothing left to do still reports it
            Path lastCheckpoint = resumeFrom;
            TrainResult.Status status = TrainResult.Status.COMPLETED;
            String signal = null;
            try (SampleStream samples = DataLoader.open(config.data(), readerOptions, 1, MixedStream.Mode.RANDOM, bad,
                         dataFrom == null ? null : dataFrom.samples());
                 PackedStream packs = new PackedStream(samples, sampleTokenizer, config.seqLen(), true,
                         padId(generation), dataFrom);
                 Progress progress = Progress.start(config.stage(), config.steps(), "steps");
                 Heartbeat heartbeat = new Heartbeat(progress)) {
                progress.resumeAt(step);
                while (step < config.steps()) {
                    long started = System.nanoTime();
                    StepOutcome outcome = trainStep(model, trainable, packs, images, decoder, config);
                    if (outcome == null) {
                        status = TrainResult.Status.DATA_EXHAUSTED;
                        break;
                    }
                    double lr = schedule.lr(step, tokensSeen);
                    double gradNorm = Double.NaN;
                    boolean finite;
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        Map<String, NDArray> grads = gradients(trainable);      // handles on the live .grad tensors
                        if (Double.isFinite(outcome.loss)) {
                            gradNorm = GradClip.clip(grads, config.clip());
                        }
                        finite = Double.isFinite(outcome.loss) && Double.isFinite(gradNorm);
                        if (finite) {
                            optimizer.update(trainable, grads, lr);
                        }
                        for (NDArray g : grads.values()) {
                            g.muli(0);
                            if (!finite) {
                                g.set(g.isNaN(), 0f); // NaN and Inf times 0 are NaN
                            }
                        }
                    }
                    if (finite) {
                        nanStreak = 0;
                        lastLoss = outcome.loss;
                    } else {
                        skipped++;
                        nanStreak++;
                        if (nanStreak >= config.nanAbortAfter()) {
                            throw new UserError("loss was not finite for " + nanStreak + " steps in a row (at step "
                                    + (step + 1) + "); lower --lr or check the data; last good checkpoint: "
                                    + (lastCheckpoint == null ? "none" : lastCheckpoint));
                        }
                    }
                    step++;
                    tokensSeen += outcome.tokens;
                    samplesSeen += outcome.samples;
                    double seconds = (System.nanoTime() - started) / 1e9;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("step", step);
                    row.put("loss", finite ? outcome.loss : null);
                    row.put("lr", lr);
                    row.put("grad_norm", finite ? gradNorm : null);
                    row.put("tokens", tokensSeen);
                    row.put("samples", samplesSeen);
                    row.put("tokens_per_s", outcome.tokens / seconds);
                    row.put("step_seconds", seconds);
                    row.put("skipped", skipped);
                    metrics.log(row);
                    progress.advance(1, String.format(Locale.ROOT, "loss %.4f  lr %.2e  %.0f tok/s",
                            finite ? outcome.loss : Double.NaN, lr, outcome.tokens / seconds));
                    boolean periodic = config.saveEvery() > 0 && step % config.saveEvery() == 0 && step < config.steps();
                    signal = signals.received();
                    if (periodic || signal != null) {
                        lastCheckpoint = save(config, startModel, checkpoints, model, optimizer, packs.position(), step, tokensSeen, samplesSeen, skipped);
                    }
                    if (signal != null) {
                        status = TrainResult.Status.STOPPED;
                        break;
                    }
                }
                if (status != TrainResult.Status.STOPPED && !checkpoints.dirForStep(step).equals(lastCheckpoint)) {
                    lastCheckpoint = save(config, startModel, checkpoints, model, optimizer, packs.position(), step, tokensSeen, samplesSeen, skipped);
                }
            }
            TrainingReport.write(config.out(), config.stage());
            return new TrainResult(status, signal, step, lastCheckpoint, lastLoss, skipped);
        }
    }

    /** One optimiser step's forward/backward over {@code accum} micro-batches; null when the data ran out. */
    private static StepOutcome trainStep(StepVLModel model, Map<String, NDArray> trainable, PackedStream packs,
                                         ImageProcessor images, ImageDecoder decoder, TrainConfig config) {
        double lossSum = 0;
        int tokens = 0;
        int samples = 0;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            for (int micro = 0; micro < config.accum(); micro++) {
                List<Pack> batch = new ArrayList<>();
                for (int i = 0; i < config.batch(); i++) {
                    Pack p = packs.next();
                    if (p == null) {
                        break;
                    }
                    batch.add(p);
                }
                if (batch.isEmpty()) {
                    return micro == 0 ? null : new StepOutcome(lossSum / micro, tokens, samples);
                }
                try (NDManager stepManager = model.parameters().manager().newSubManager();
                     NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    MicroBatch mb = MicroBatch.of(batch, stepManager, images, decoder);
                    NDArray features = mb.images() == null ? null : model.imageFeatures(mb.images(), null);   // (F, H)
                    NDArray embeds = model.embed(mb.inputIds(), features, null);                              // (b, s, H)
                    NDArray hidden = model.decoder().forward(embeds, mb.positions(), mb.segments(), null, null); // (b, s, H)
                    NDArray logits = model.decoder().logits(hidden);                                          // (b, s, V)
                    // token mean within the micro-batch, then the mean over micro-batches (StepFun's aggregation)
                    NDArray loss = TokenLoss.maskedMean(logits, mb.targets(), mb.mask());                      // ()
                    collector.backward(Ops.div(loss, config.accum()));
                    lossSum += loss.getFloat();
                    tokens += mb.tokens();
                    samples += mb.samples();
                    for (NDArray a : new NDArray[] {features, embeds, hidden, logits}) {
                        if (a != null) {
                            a.close();
                        }
                    }
                }
            }
        }
        return new StepOutcome(lossSum / config.accum(), tokens, samples);
    }

    private record StepOutcome(double loss, int tokens, int samples) {}

    /** name → gradient of every trainable parameter (new handles: close them, e.g. with an NDScope). */
    private static Map<String, NDArray> gradients(Map<String, NDArray> trainable) {
        Map<String, NDArray> grads = new LinkedHashMap<>();
        trainable.forEach((name, p) -> grads.put(name, p.getGradient()));
        return grads;
    }

    private static int padId(GenerationConfig generation) {
        return generation.stopTokenIds().get(0);
    }

    private static Path save(TrainConfig config, Path startModel, RunCheckpoints checkpoints, StepVLModel model, AdamW optimizer,
                             PackedPosition data, long step, long tokens, long samples, long skipped) {
        ObjectNode extra = Json.MAPPER.createObjectNode();
        extra.put("optimizer_step", optimizer.step());
        extra.put("skipped_steps", skipped);
        TrainerState state = TrainerState.of(step, samples, tokens)
                .withDataCursor(readJson(data.toJson()))
                .withExtra(extra);
        CheckpointWriter writer = CheckpointWriter.create()
                .config(model.config())
                .weights(TensorSources.fromNDArrays(model.parameters().asMap()))
                .inheritFrom(startModel)
                .trainerState(state, TensorSources.fromNDArrays(optimizer.state()))
                .provenance(Provenance.of(config.stage()).withParent(startModel).withStep(step));
        return checkpoints.save(step, writer, config.keep());
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("data position is not JSON: " + e.getMessage(), e);
        }
    }

    private static TrainerState restore(Path checkpoint, AdamW optimizer) {
        CheckpointReader reader = CheckpointReader.open(checkpoint);
        if (!reader.isResumable()) {
            throw UserError.at(checkpoint, "has no trainer_state/: not a resumable training checkpoint");
        }
        TrainerState state = reader.trainerState();
        Map<String, float[]> moments = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        try (SafetensorsFile tensors = reader.openOptimizerTensors()) {
            for (String name : tensors.names()) {
                moments.put(name, tensors.readFloat(name));
                shapes.put(name, tensors.info(name).shape());
            }
        }
        optimizer.load(moments, shapes, state.extra().path("optimizer_step").asLong(state.step()));
        return state;
    }

    /** The loss of the last finite step in metrics.jsonl (already cut back to the resumed step), else NaN. */
    private static double lastLoggedLoss(MetricsLog metrics) {
        double last = Double.NaN;
        if (Files.exists(metrics.file())) {
            for (Map<String, Object> row : TrainingReport.readMetrics(metrics.file())) {
                if (row.get("loss") instanceof Number loss) {
                    last = loss.doubleValue();
                }
            }
        }
        return last;
    }

    /** A run directory resumes from its latest checkpoint; a checkpoint directory from itself. */
    static Path resolveResume(Path resume) {
        if (Files.isDirectory(resume.resolve("trainer_state"))) {
            return resume;
        }
        return new RunCheckpoints(resume.resolve(CHECKPOINTS)).latest()
                .orElseThrow(() -> UserError.at(resume, "has no checkpoints/latest and is not a training checkpoint"));
    }

    private static Map<String, Object> describe(TrainConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", c.stage());
        m.put("model", String.valueOf(c.model()));
        m.put("data", c.data().stream().map(s -> s.name() + "=" + s.paths() + "@" + s.weight()).toList());
        m.put("steps", c.steps());
        m.put("seq_len", c.seqLen());
        m.put("batch", c.batch());
        m.put("accum", c.accum());
        m.put("schedule", c.schedule().build(c.steps()).describe());
        m.put("optimizer", c.optimizer().toString());
        m.put("clip", c.clip());
        m.put("freeze", c.freeze().toString());
        m.put("assistant_scope", c.assistantScope().name());
        m.put("seed", c.seed());
        return m;
    }

    /** Nudges the progress reporter so a stalled step gets a warning even when nothing advances. */
    private static final class Heartbeat implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "step3vl-heartbeat");
            t.setDaemon(true);
            return t;
        });

        Heartbeat(Progress progress) {
            timer.scheduleAtFixedRate(progress::heartbeat, 30, 30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
