package io.step3vl.inference.local;

import io.step3vl.checkpoint.RunCheckpoints;
import io.step3vl.generate.GenerationObserver;
import io.step3vl.generate.GenerationOutput;
import io.step3vl.generate.GenerationRequest;
import io.step3vl.generate.Generator;
import io.step3vl.generate.SamplerSettings;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.ReasoningSplit;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.ThinkStreamSplitter;
import io.step3vl.model.LoadOptions;
import io.step3vl.model.StepVLModel;
import io.step3vl.model.config.GenerationConfig;
import io.step3vl.model.runtime.DeviceChoice;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.tokenizer.StreamingDecoder;
import io.step3vl.tokenizer.TextTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * A checkpoint run in-process: prompt encoding, batched KV-cached generation (concurrent requests
 * share batches), streaming detokenisation, stop strings and the reasoning split. Completions carry
 * token ids and log-probs of the generated tokens (RL rollouts use them).
 */
public final class LocalBackend implements ChatBackend {
    /** Sequences decoded together at most (a request's n copies count each). */
    public static final int DEFAULT_MAX_BATCH_ROWS = 64;

    private final Path dir;
    private final StepVLModel model;
    private final TextTokenizer tokenizer;
    private final PromptEncoder encoder;
    private final int[] stopTokenIds;
    private final BatchScheduler scheduler;

    private LocalBackend(Path dir, StepVLModel model, TextTokenizer tokenizer, int[] stopTokenIds, int maxBatchRows,
                         int prefillChunk) {
        this.dir = dir;
        this.model = model;
        this.tokenizer = tokenizer;
        this.encoder = PromptEncoder.of(tokenizer, model.config(), dir.toString());
        this.stopTokenIds = stopTokenIds;
        this.scheduler = new BatchScheduler(new Generator(model, prefillChunk), maxBatchRows);
    }

    /**
     * Loads a checkpoint directory (config, weights, tokenizer files) on the chosen device; a training
     * run directory means its latest checkpoint.
     */
    public static LocalBackend open(Path dir, DeviceChoice device) {
        return open(dir, device, DEFAULT_MAX_BATCH_ROWS, 512);
    }

    public static LocalBackend open(Path modelOrRun, DeviceChoice device, int maxBatchRows, int prefillChunk) {
        Path dir = RunCheckpoints.checkpointOf(modelOrRun);
        TextTokenizer tokenizer = TextTokenizer.load(dir);
        StepVLModel model = null;
        try {
            model = StepVLModel.load(dir, ModelRuntime.of(device), LoadOptions.all());
            GenerationConfig generation = GenerationConfig.read(dir, model.config());
            int[] stops = generation.stopTokenIds().stream().mapToInt(Integer::intValue).toArray();
            return new LocalBackend(dir, model, tokenizer, stops, maxBatchRows, prefillChunk);
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    public StepVLModel model() {
        return model;
    }

    public PromptEncoder encoder() {
        return encoder;
    }

    @Override
    public List<Completion> complete(ChatRequest request) {
        return complete(request, null);
    }

    @Override
    public List<Completion> complete(ChatRequest request, TokenListener listener) {
        long started = System.nanoTime();
        SamplingParams sampling = request.sampling();
        EncodedPrompt prompt = encoder.encode(request.messages(), sampling.thinking(), true);
        SamplerSettings sampler = new SamplerSettings(sampling.temperature(), sampling.topK(), sampling.topP(),
                sampling.minP(), sampling.repetitionPenalty());
        GenerationRequest generation = new GenerationRequest(prompt.ids(), prompt.images(), sampler, sampling.maxTokens(),
                sampling.seed(), stopTokenIds, request.n());
        List<CopyText> copies = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            copies.add(new CopyText(i, tokenizer.streamingDecoder(true), sampling.stop(), sampling.thinking(), listener));
        }
        GenerationObserver observer = (row, token, logprob) -> copies.get(row).accept(token);
        List<GenerationOutput> outputs;
        try {
            outputs = scheduler.submit(generation, observer).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        double latency = (System.nanoTime() - started) / 1e9;
        List<Completion> completions = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            GenerationOutput out = outputs.get(i);
            CopyText copy = copies.get(i);
            String text = copy.finish();
            ReasoningSplit split = ReasoningSplit.of(text, sampling.thinking());
            String finish = copy.stoppedByString ? "stop" : out.finishReason();
            completions.add(new Completion(split.content(), sampling.thinking() ? split.reasoning() : null, finish,
                    out.promptTokens(), out.tokens().length, latency, out.tokens(), out.logprobs()));
        }
        return completions;
    }

    @Override
    public int countTokens(List<ChatMessage> messages) {
        return encoder.encode(messages, true, true).ids().length;
    }

    @Override
    public String describe() {
        return "local:" + dir;
    }

    @Override
    public void close() {
        scheduler.close();
        model.close();
        tokenizer.close();
    }

    /** Text of one copy as it is generated: detokenised incrementally, cut at stop strings, streamed. */
    private static final class CopyText {
        private final int index;
        private final StreamingDecoder decoder;
        private final List<String> stops;
        private final ThinkStreamSplitter splitter;
        private final StringBuilder text = new StringBuilder();
        private boolean stoppedByString;

        CopyText(int index, StreamingDecoder decoder, List<String> stops, boolean thinking, TokenListener listener) {
            this.index = index;
            this.decoder = decoder;
            this.stops = stops;
            this.splitter = listener == null ? null
                    : new ThinkStreamSplitter(thinking, (piece, reasoning) -> listener.onText(index, piece, reasoning));
        }

        /** Returns true when a stop string appeared (the row stops). */
        boolean accept(int token) {
            if (stoppedByString) {
                return true;
            }
            String piece = decoder.push(token);
            int before = text.length();
            text.append(piece);
            for (String stop : stops) {
                int at = text.indexOf(stop, Math.max(0, before - stop.length() + 1));
                if (at >= 0) {
                    text.setLength(at);
                    stoppedByString = true;
                }
            }
            if (splitter != null && text.length() > before) {
                splitter.accept(text.substring(before));
            }
            return stoppedByString;
        }

        String finish() {
            if (!stoppedByString) {
                String rest = decoder.finish();
                if (!rest.isEmpty() && splitter != null) {
                    splitter.accept(rest);
                }
                text.append(rest);
            }
            if (splitter != null) {
                splitter.finish();
            }
            return text.toString();
        }
    }
}
