package io.step3vl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.step3vl.common.UserError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The model's parameters: name → NDArray under the release's tensor names, all owned by one
 * NDManager that {@link #close()} frees. Saving is a loop over {@link #asMap()}; training marks them
 * with {@link #requireGradients(boolean)} and reads {@code array.getGradient()} after backward.
 */
public final class Parameters implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> arrays;

    /** Takes ownership of {@code manager} and the arrays in it. */
    public Parameters(NDManager manager, Map<String, NDArray> arrays) {
        this.manager = manager;
        this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        this.arrays.forEach((name, array) -> array.setName(name));
    }

    /** The array named {@code name}; an error naming it if the model has none. */
    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new UserError("model has no parameter '" + name + "'");
        }
        return a;
    }

    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    public Set<String> names() {
        return arrays.keySet();
    }

    /** Name → array in checkpoint order (read-only map; the arrays are the live parameters). */
    public Map<String, NDArray> asMap() {
        return arrays;
    }

    /** The manager owning every parameter (also the right parent for optimiser state). */
    public NDManager manager() {
        return manager;
    }

    public long parameterCount() {
        return arrays.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** Marks every parameter as requiring (or not) gradients for DJL autograd. */
    public void requireGradients(boolean requires) {
        arrays.values().forEach(a -> a.setRequiresGradient(requires));
    }

    @Override
    public void close() {
        manager.close();
    }
}
