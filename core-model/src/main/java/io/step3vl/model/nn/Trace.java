package io.step3vl.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Captures named intermediate tensors of a forward pass (golden tests, {@code step3vl model forward}).
 * Each recorded array is a copy that escapes any open {@link NDScope}; it belongs to the manager of
 * the array it copies, so it is freed with the caller's step manager, or by {@link #close()}.
 * Pass {@code null} wherever a Trace is optional to capture nothing.
 */
public final class Trace implements AutoCloseable {
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Predicate<String> wanted;

    /** Records every name. */
    public Trace() {
        this(name -> true);
    }

    /** Records only names {@code wanted} accepts (saves copies of large intermediates). */
    public Trace(Predicate<String> wanted) {
        this.wanted = wanted;
    }

    /** Whether a forward pass should bother producing {@code name}. */
    public static boolean wants(Trace trace, String name) {
        return trace != null && trace.wanted.test(name);
    }

    /** Records a copy of {@code array} under {@code name} if this trace is non-null and wants it. */
    public static void record(Trace trace, String name, NDArray array) {
        if (wants(trace, name)) {
            NDArray copy = array.duplicate();
            NDScope.unregister(copy);
            NDArray previous = trace.arrays.put(name, copy);
            if (previous != null) {
                previous.close();
            }
        }
    }

    /** Name → recorded array, in recording order. */
    public Map<String, NDArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("nothing recorded under '" + name + "'; have " + arrays.keySet());
        }
        return a;
    }

    @Override
    public void close() {
        arrays.values().forEach(NDArray::close);
        arrays.clear();
    }
}
