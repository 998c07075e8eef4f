package io.step3vl.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Runs a computation in its own {@link NDScope}: every array it creates is closed when it ends,
 * except the result, which is handed to the caller's scope (or, outside any scope, left to its
 * NDManager). Nesting this everywhere keeps intermediates from piling up in a step's manager.
 */
public final class Scoped {
    private Scoped() {}

    public static NDArray compute(Supplier<NDArray> body) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            out = body.get();
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

    /** As {@link #compute} for several results. */
    public static NDArray[] computeAll(Supplier<NDArray[]> body) {
        NDArray[] out;
        try (NDScope scope = new NDScope()) {
            out = body.get();
            NDScope.unregister(out);
        }
        for (NDArray a : out) {
            NDScope.register(a);
        }
        return out;
    }
}
