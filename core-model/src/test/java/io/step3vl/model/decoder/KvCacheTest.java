package io.step3vl.model.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.step3vl.model.LoadOptions;
import io.step3vl.model.StepVLModel;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.safetensors.SafetensorsFile;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decoder's generation and packing paths against plain full forwards of the golden model A:
 * cached prefill + one-token steps, chunked prefill, left/right padding, packed sequences, cache
 * growth, truncation and row selection must all give the same hidden states.
 */
class KvCacheTest {
    private static StepVLModel model;
    private static NDManager root;
    private static long[] prompt;
    private NDManager m;

    @BeforeAll
    static void load() throws Exception {
        ModelRuntime runtime = ModelRuntime.cpu();
        Path dir = Path.of(KvCacheTest.class.getClassLoader().getResource("golden/a_text_fp32").toURI());
        model = StepVLModel.load(dir, runtime, LoadOptions.all());
        root = runtime.newManager();
        try (SafetensorsFile in = SafetensorsFile.open(dir.resolve("inputs.safetensors"))) {
            prompt = in.readLong("input_ids");
        }
    }

    @AfterAll
    static void unload() {
        model.close();
        root.close();
    }

    @BeforeEach
    void step() {
        m = root.newSubManager();
    }

    @AfterEach
    void endStep() {
        m.close();
    }

    private Qwen3Decoder decoder() {
        return model.decoder();
    }

    private NDArray ids(long... tokens) {
        return m.create(tokens).reshape(1, tokens.length);
    }

    private NDArray positions(int from, int count) {
        return m.arange(from, from + count, 1, DataType.INT64).reshape(1, count);
    }

    /** Full forward of one sequence, no cache: (1, L, H). */
    private NDArray full(long[] tokens) {
        return decoder().forward(decoder().embed(ids(tokens)), positions(0, tokens.length), null, null, null);
    }

    private static void assertSame(NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(2e-5f));
        }
    }

    @Test
    void cachedPrefillThenSingleTokenStepsEqualOneFullForward() {
        NDArray expected = full(prompt);
        try (KvCache cache = model.newCache(m, 1, 4)) { // capacity 4: grows several times
            NDList parts = new NDList();
            int prefix = 10;
            parts.add(decoder().prefill(decoder().embed(ids(Arrays.copyOf(prompt, prefix))), positions(0, prefix), null,
                    cache, 3));
            for (int i = prefix; i < prompt.length; i++) {
                parts.add(decoder().forward(decoder().embed(ids(prompt[i])), positions(i, 1), null, cache, null));
            }
            assertThat(cache.length()).isEqualTo(prompt.length);
            assertThat(cache.capacity()).isGreaterThanOrEqualTo(prompt.length);
            assertSame(NDArrays.concat(parts, 1), expected);
        }
    }

    @Test
    void chunkedPrefillEqualsUnchunked() {
        NDArray expected = full(prompt);
        for (int chunk : new int[] {1, 5, 24, 100}) {
            try (KvCache cache = model.newCache(m, 1, 32)) {
                NDArray got = decoder().prefill(decoder().embed(ids(prompt)), positions(0, prompt.length), null, cache, chunk);
                assertSame(got, expected);
            }
        }
    }

    @Test
    void truncatingTheCacheRecomputesASuffix() {
        NDArray expected = full(prompt);
        try (KvCache cache = model.newCache(m, 1, 32)) {
            decoder().prefill(decoder().embed(ids(prompt)), positions(0, prompt.length), null, cache, 8);
            cache.truncate(10);
            long[] suffix = Arrays.copyOfRange(prompt, 10, prompt.length);
            NDArray got = decoder().forward(decoder().embed(ids(suffix)), positions(10, suffix.length), null, cache, null);
            assertSame(got, expected.get(new NDIndex(":, 10:, :")));
        }
    }

    /** Two prompts of different lengths in one batch, padded on the given side, then one decode step each. */
    private void paddedBatch(boolean left) {
        long[] a = prompt;                                   // 24 tokens
        long[] b = Arrays.copyOfRange(prompt, 3, 17);        // 14 tokens
        int len = a.length;
        int pad = len - b.length;
        long[] rowB = new long[len];
        long[] segB = new long[len];
        long[] posB = new long[len];
        for (int i = 0; i < len; i++) {
            int j = left ? i - pad : i;                      // index into b, or outside it
            boolean real = j >= 0 && j < b.length;
            rowB[i] = real ? b[j] : 0;
            segB[i] = real ? 0 : -1;
            posB[i] = real ? j : 0;
        }
        long[] tokens = concat(a, rowB);
        long[] segments = concat(new long[len], segB);
        long[] pos = concat(range(len), posB);
        try (KvCache cache = model.newCache(m, 2, len + 1)) {
            NDArray hidden = decoder().prefill(decoder().embed(m.create(tokens).reshape(2, len)),
                    m.create(pos).reshape(2, len), m.create(segments).reshape(2, len), cache, 7);
            assertSame(hidden.get(new NDIndex("0:1, :, :")), full(a));
            int from = left ? pad : 0;
            assertSame(hidden.get(new NDIndex("1:2, {}:{}, :", from, from + b.length)), full(b));
            // one decode step: each row continues at its own next position
            long nextA = 5;
            long nextB = 9;
            NDArray step = decoder().forward(decoder().embed(m.create(new long[] {nextA, nextB}).reshape(2, 1)),
                    m.create(new long[] {a.length, b.length}).reshape(2, 1), null, cache, null);
            assertSame(step.get(new NDIndex("0:1, :, :")), full(concat(a, new long[] {nextA})).get(new NDIndex(":, -1:, :")));
            assertSame(step.get(new NDIndex("1:2, :, :")), full(concat(b, new long[] {nextB})).get(new NDIndex(":, -1:, :")));

            // keep only row 1 and continue it alone
            try (KvCache only = cache.selectRows(new long[] {1})) {
                long[] so = concat(b, new long[] {nextB, 77});
                NDArray next = decoder().forward(decoder().embed(ids(77)), positions(b.length + 1, 1), null, only, null);
                assertSame(next, full(so).get(new NDIndex(":, -1:, :")));
            }
        }
    }

    @Test
    void rightPaddedBatchMatchesSeparateSequences() {
        paddedBatch(false);
    }

    @Test
    void leftPaddedBatchMatchesSeparateSequences() {
        paddedBatch(true);
    }

    @Test
    void packedSequencesWithRestartedPositionsMatchSeparateOnes() {
        long[] a = Arrays.copyOf(prompt, 10);
        long[] b = Arrays.copyOfRange(prompt, 10, 24);
        long[] segments = concat(new long[a.length], filled(b.length, 1));
        long[] pos = concat(range(a.length), range(b.length));
        NDArray packed = decoder().forward(decoder().embed(ids(concat(a, b))), m.create(pos).reshape(1, 24),
                m.create(segments).reshape(1, 24), null, null);
        assertSame(packed.get(new NDIndex(":, 0:10, :")), full(a));
        assertSame(packed.get(new NDIndex(":, 10:, :")), full(b));
    }

    private static long[] concat(long[] x, long[] y) {
        long[] out = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    private static long[] range(int n) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static long[] filled(int n, long v) {
        long[] r = new long[n];
        Arrays.fill(r, v);
        return r;
    }
}
