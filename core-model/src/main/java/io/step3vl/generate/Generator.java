package io.step3vl.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.ImageInputs;
import io.step3vl.model.StepVLModel;
import io.step3vl.model.decoder.KvCache;
import io.step3vl.model.decoder.Qwen3Decoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * KV-cached, batched generation on {@link StepVLModel}.
 *
 * <p>Prompts of different lengths are left-padded into one batch (padding slots carry segment -1, so
 * nothing attends to them; each row's positions start at 0 at its first real token) and prefilled
 * together in chunks of {@link #prefillChunk} tokens, so a long prompt never materialises an L×L
 * attention matrix. A request's copies then share that prefill: the cache rows are duplicated, and
 * every copy decodes with its own seeded generator. Finished rows are dropped from the cache so the
 * remaining ones don't pay for them. One token per row per step; sampling runs on the host.
 */
public final class Generator {
    private final StepVLModel model;
    private final int prefillChunk;

    /** @param prefillChunk tokens per prefill chunk (attention memory is chunk × prompt length) */
    public Generator(StepVLModel model, int prefillChunk) {
        if (prefillChunk <= 0) {
            throw new IllegalArgumentException("prefill chunk must be positive, got " + prefillChunk);
        }
        this.model = model;
        this.prefillChunk = prefillChunk;
    }

    public Generator(StepVLModel model) {
        this(model, 512);
    }

    /** Generates every copy of every request; outputs in request order, copies consecutive. */
    public List<GenerationOutput> generate(List<GenerationRequest> requests, GenerationObserver observer) {
        int rows = requests.stream().mapToInt(GenerationRequest::copies).sum();
        int[] requestOfRow = new int[rows];
        Row[] state = new Row[rows];
        for (int r = 0, row = 0; r < requests.size(); r++) {
            GenerationRequest req = requests.get(r);
            for (int c = 0; c < req.copies(); c++, row++) {
                requestOfRow[row] = r;
                state[row] = new Row(req, new SplittableRandom(req.seed() + c), model.config().text().vocabSize());
            }
        }
        Qwen3Decoder decoder = model.decoder();
        try (NDManager manager = model.parameters().manager().newSubManager()) {
            int padded = requests.stream().mapToInt(q -> q.promptIds().length).max().orElseThrow();
            int budget = requests.stream().mapToInt(GenerationRequest::maxNewTokens).max().orElseThrow();
            KvCache prompts = model.newCache(manager, requests.size(), padded + 1);
            float[][] lastLogits = prefill(requests, padded, prompts, manager);          // requests x (vocab)
            long[] rowIndex = new long[rows];
            for (int i = 0; i < rows; i++) {
                rowIndex[i] = requestOfRow[i];
            }
            KvCache cache = prompts.selectRows(rowIndex);
            prompts.close();
            try {
                int[] active = new int[rows];                                              // batch slot -> row
                for (int i = 0; i < rows; i++) {
                    active[i] = i;
                    state[i].accept(Sampler.sample(lastLogits[requestOfRow[i]], state[i].request.sampler(),
                            state[i].seen, state[i].rng), observer, i);
                }
                for (int step = 1; step < budget; step++) {
                    int[] alive = Arrays.stream(active).filter(i -> !state[i].done).toArray();
                    if (alive.length == 0) {
                        break;
                    }
                    if (alive.length < active.length) {
                        cache = keepRows(cache, active, alive);
                        active = alive;
                    }
                    float[][] logits = decodeStep(decoder, cache, state, active, manager);
                    for (int slot = 0; slot < active.length; slot++) {
                        Row row = state[active[slot]];
                        row.accept(Sampler.sample(logits[slot], row.request.sampler(), row.seen, row.rng), observer, active[slot]);
                    }
                }
            } finally {
                cache.close();
            }
        }
        List<GenerationOutput> outputs = new ArrayList<>(rows);
        for (Row row : state) {
            outputs.add(row.output());
        }
        return outputs;
    }

    /** Left-padded batched prefill of every request's prompt; returns each prompt's last-position logits. */
    private float[][] prefill(List<GenerationRequest> requests, int padded, KvCache cache, NDManager manager) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList embeds = new NDList();
            long[] positions = new long[requests.size() * padded];
            long[] segments = new long[requests.size() * padded];
            for (int r = 0; r < requests.size(); r++) {
                GenerationRequest req = requests.get(r);
                int len = req.promptIds().length;
                int pad = padded - len;
                NDArray ids = manager.create(req.promptIds(), new Shape(1, len));                 // (1, len)
                NDArray features = null;                                                            // (F, H)
                if (req.images() != null) {
                    ImageInputs inputs = req.images().toInputs(manager);
                    features = model.imageFeatures(inputs, null);
                }
                NDArray e = model.embed(ids, features, null);                                       // (1, len, H)
                if (pad > 0) {
                    e = NDArrays.concat(new NDList(manager.zeros(new Shape(1, pad, e.getShape().get(2))), e), 1);
                }
                embeds.add(e);                                                                       // (1, padded, H)
                for (int t = 0; t < padded; t++) {
                    positions[r * padded + t] = Math.max(0, t - pad);
                    segments[r * padded + t] = t < pad ? -1 : 0;
                }
            }
            NDArray batch = NDArrays.concat(embeds, 0);                                              // (R, padded, H)
            NDArray pos = manager.create(positions, new Shape(requests.size(), padded));            // (R, padded)
            NDArray seg = manager.create(segments, new Shape(requests.size(), padded));             // (R, padded)
            NDArray hidden = model.decoder().prefill(batch, pos, seg, cache, prefillChunk);          // (R, padded, H)
            NDArray last = hidden.get(new NDIndex(":, -1, :"));                                      // (R, H)
            NDArray logits = model.decoder().logits(last);                                           // (R, V)
            return rowsOf(logits);
        }
    }

    /** One token per active row against the cache; returns (active, vocab) logits on the host. */
    private float[][] decodeStep(Qwen3Decoder decoder, KvCache cache, Row[] state, int[] active, NDManager manager) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            int n = active.length;
            long[] ids = new long[n];
            long[] positions = new long[n];
            for (int slot = 0; slot < n; slot++) {
                Row row = state[active[slot]];
                ids[slot] = row.lastToken();
                positions[slot] = row.nextPosition();
            }
            NDArray tokens = manager.create(ids, new Shape(n, 1));                                   // (n, 1)
            NDArray embeds = decoder.embed(tokens);                                                  // (n, 1, H)
            NDArray pos = manager.create(positions, new Shape(n, 1));                                // (n, 1)
            NDArray seg = manager.zeros(new Shape(n, 1), DataType.INT64);                            // (n, 1)
            NDArray hidden = decoder.forward(embeds, pos, seg, cache, null);                          // (n, 1, H)
            NDArray logits = decoder.logits(hidden.squeeze(1));                                      // (n, V)
            return rowsOf(logits);
        }
    }

    private static KvCache keepRows(KvCache cache, int[] active, int[] alive) {
        long[] keep = new long[alive.length];
        for (int i = 0, j = 0; i < active.length && j < alive.length; i++) {
            if (active[i] == alive[j]) {
                keep[j++] = i;
            }
        }
        KvCache smaller = cache.selectRows(keep);
        cache.close();
        return smaller;
    }

    private static float[][] rowsOf(NDArray logits) {
        int n = (int) logits.getShape().get(0);
        int vocab = (int) logits.getShape().get(1);
        float[] flat = logits.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * vocab, (i + 1) * vocab);
        }
        return rows;
    }

    /** Decoding state of one copy. */
    private static final class Row {
        final GenerationRequest request;
        final SplittableRandom rng;
        final boolean[] seen;
        final int[] tokens;
        final float[] logprobs;
        int count;
        boolean done;
        String finishReason = "length";

        Row(GenerationRequest request, SplittableRandom rng, int vocab) {
            this.request = request;
            this.rng = rng;
            this.tokens = new int[request.maxNewTokens()];
            this.logprobs = new float[request.maxNewTokens()];
            this.seen = request.sampler().repetitionPenalty() != 1 ? new boolean[vocab] : null;
            if (seen != null) {
                for (long id : request.promptIds()) {
                    if (id >= 0 && id < vocab) {
                        seen[(int) id] = true;
                    }
                }
            }
        }

        void accept(Sampler.Choice choice, GenerationObserver observer, int rowIndex) {
            tokens[count] = choice.token();
            logprobs[count] = choice.logprob();
            count++;
            if (seen != null) {
                seen[choice.token()] = true;
            }
            boolean observerStop = observer.onToken(rowIndex, choice.token(), choice.logprob());
            if (request.isStop(choice.token()) || observerStop) {
                done = true;
                finishReason = "stop";
            } else if (count >= request.maxNewTokens()) {
                done = true;
            }
        }

        long lastToken() {
            return tokens[count - 1];
        }

        /** Position of the token being fed: prompt length plus tokens already fed back. */
        long nextPosition() {
            return request.promptIds().length + count - 1L;
        }

        GenerationOutput output() {
            return new GenerationOutput(Arrays.copyOf(tokens, count), Arrays.copyOf(logprobs, count), finishReason,
                    request.promptIds().length);
        }
    }
}
