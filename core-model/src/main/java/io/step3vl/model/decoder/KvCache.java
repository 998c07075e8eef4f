package io.step3vl.model.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.step3vl.model.config.TextConfig;

/**
 * Keys and values of every decoder layer for a batch of sequences, plus each slot's segment id
 * ({@code -1} = empty or padding). Slots are filled left to right by {@link Qwen3Decoder#forward};
 * capacity grows by doubling when a chunk does not fit. Owns its arrays: {@link #close()} frees them.
 *
 * <pre>{@code
 * try (KvCache cache = KvCache.create(manager, config.text(), batch, 1024, precision.compute())) {
 *     NDArray hidden = decoder.prefill(embeds, positions, segments, cache, 256);   // prompt, 256 at a time
 *     // then one token per step: decoder.forward(nextEmbeds (b,1,H), nextPositions (b,1), null, cache, null)
 * }
 * }</pre>
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final int layers;
    private final int batch;
    private final int kvHeads;
    private final int headDim;
    private final DataType dtype;
    private final NDArray[] keys;    // per layer (batch, kvHeads, capacity, headDim)
    private final NDArray[] values;  // per layer (batch, kvHeads, capacity, headDim)
    private NDArray segments;        // (batch, capacity) INT64, -1 = no token
    private int capacity;
    private int length;

    private KvCache(NDManager manager, TextConfig config, int batch, int capacity, DataType dtype) {
        this.manager = manager;
        this.layers = config.numHiddenLayers();
        this.batch = batch;
        this.kvHeads = config.numKeyValueHeads();
        this.headDim = config.headDim();
        this.dtype = dtype;
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        this.capacity = capacity;
        for (int l = 0; l < layers; l++) {
            keys[l] = kept(manager.zeros(slotShape(capacity), dtype));
            values[l] = kept(manager.zeros(slotShape(capacity), dtype));
        }
        this.segments = kept(manager.full(new Shape(batch, capacity), -1, DataType.INT64));
    }

    /** Cache arrays outlive any NDScope open while they are created (e.g. growth inside a forward). */
    private static NDArray kept(NDArray array) {
        NDScope.unregister(array);
        return array;
    }

    /**
     * @param parent   the cache lives in a sub-manager of this one (on its device)
     * @param capacity initial slots (grows on demand)
     * @param dtype    the model's compute dtype (FP32 on CPU, FP16 on GPU)
     */
    public static KvCache create(NDManager parent, TextConfig config, int batch, int capacity, DataType dtype) {
        if (batch <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("batch and capacity must be positive, got " + batch + ", " + capacity);
        }
        return new KvCache(parent.newSubManager(), config, batch, capacity, dtype);
    }

    /** Filled slots (the same for every row; padding slots count). */
    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    public int batchSize() {
        return batch;
    }

    /** Forgets every slot from {@code newLength} on (e.g. to reuse a shared prompt prefix). */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("truncate to " + newLength + " outside 0.." + length);
        }
        segments.set(new NDIndex(":, {}:", newLength), -1);
        length = newLength;
    }

    /**
     * Keeps only the given batch rows, in the given order (drop finished sequences, or duplicate a
     * prompt's cache for several samples). Returns a new cache; this one is unchanged.
     */
    public KvCache selectRows(long[] rows) {
        KvCache out = new KvCache(manager.getParentManager().newSubManager(), layers, rows.length, kvHeads, headDim,
                dtype, capacity, length);
        try (NDArray index = manager.create(rows)) {
            for (int l = 0; l < layers; l++) {
                out.keys[l] = kept(keys[l].get(index));
                out.keys[l].attach(out.manager);
                out.values[l] = kept(values[l].get(index));
                out.values[l].attach(out.manager);
            }
            out.segments = kept(segments.get(index));
            out.segments.attach(out.manager);
        }
        return out;
    }

    private KvCache(NDManager manager, int layers, int batch, int kvHeads, int headDim, DataType dtype, int capacity,
                    int length) {
        this.manager = manager;
        this.layers = layers;
        this.batch = batch;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.dtype = dtype;
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        this.capacity = capacity;
        this.length = length;
    }

    // ---- used by the decoder, once per forward: begin → write per layer → commit

    /** Reserves slots for a chunk and records its segments; returns the first slot. */
    int begin(NDArray chunkSegments) {
        int seq = (int) chunkSegments.getShape().get(1);
        ensureCapacity(length + seq);
        segments.set(new NDIndex(":, {}:{}", length, length + seq), chunkSegments);
        return length;
    }

    void write(int layer, int start, NDArray k, NDArray v) {
        int seq = (int) k.getShape().get(2);
        NDIndex slots = new NDIndex(":, :, {}:{}", start, start + seq);
        keys[layer].set(slots, k.toType(dtype, false));
        values[layer].set(slots, v.toType(dtype, false));
    }

    /** Keys of slots [0, end): (batch, kvHeads, end, headDim), a view. */
    NDArray keys(int layer, int end) {
        return keys[layer].get(new NDIndex(":, :, :{}", end));
    }

    NDArray values(int layer, int end) {
        return values[layer].get(new NDIndex(":, :, :{}", end));
    }

    /** Segment ids of slots [0, end): (batch, end). */
    NDArray segments(int end) {
        return segments.get(new NDIndex(":, :{}", end));
    }

    void commit(int start, int seq) {
        length = start + seq;
    }

    private void ensureCapacity(int needed) {
        if (needed <= capacity) {
            return;
        }
        int grown = Math.max(needed, capacity * 2);
        for (int l = 0; l < layers; l++) {
            keys[l] = grow(keys[l], slotShape(grown), new NDIndex(":, :, :{}", capacity));
            values[l] = grow(values[l], slotShape(grown), new NDIndex(":, :, :{}", capacity));
        }
        NDArray seg = kept(manager.full(new Shape(batch, grown), -1, DataType.INT64));
        seg.set(new NDIndex(":, :{}", capacity), segments);
        segments.close();
        segments = seg;
        capacity = grown;
    }

    private NDArray grow(NDArray old, Shape shape, NDIndex oldSlots) {
        NDArray bigger = kept(manager.zeros(shape, dtype));
        bigger.set(oldSlots, old);
        old.close();
        return bigger;
    }

    private Shape slotShape(int slots) {
        return new Shape(batch, kvHeads, slots, headDim);
    }

    @Override
    public void close() {
        manager.close();
    }
}
