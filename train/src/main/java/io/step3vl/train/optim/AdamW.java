package io.step3vl.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * AdamW over named parameters. Moments are allocated lazily on first update in the optimiser's own
 * manager and survive across steps; every temporary of an update is freed by an {@link NDScope} at the end of that update.
 *
 * <p>Update for a parameter {@code p} with gradient {@code g} at step {@code t} (1-based):
 * <pre>
 *   g' = g + wd·p                         (L2 mode only)
 *   m  = β1·m + (1−β1)·g'
 *   v  = β2·v + (1−β2)·g'²
 *   p -= lr·( m/(1−β1^t) / (sqrt(v/(1−β2^t)) + ε) )
 *   p -= lr·wd·p                          (decoupled mode only, before the adaptive step)
 * </pre>
 */
public final class AdamW implements AutoCloseable {
    private final AdamWConfig config;
    private final NDManager stateManager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();   // name -> same shape as param
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();  // name -> same shape as param
    private long step;

    public AdamW(AdamWConfig config, NDManager parent) {
        this.config = Objects.requireNonNull(config);
        this.stateManager = parent.newSubManager();
    }

    public AdamWConfig config() {
        return config;
    }

    /** Optimiser steps taken so far (the bias-correction counter). */
    public long step() {
        return step;
    }

    /**
     * One update of every parameter that has a gradient. Parameters are updated in place.
     *
     * @param params name -> parameter; entries without a gradient (frozen) are skipped
     * @param grads  name -> gradient (already clipped/scaled by the caller)
     * @param lr     learning rate for this step
     */
    public void update(Map<String, NDArray> params, Map<String, NDArray> grads, double lr) {
        step++;
        double bc1 = 1 - Math.pow(config.beta1(), step);
        double bc2 = 1 - Math.pow(config.beta2(), step);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            String name = e.getKey();
            NDArray grad = grads.get(name);
            if (grad == null) {
                continue;
            }
            NDArray param = e.getValue();
            boolean decay = config.weightDecay() > 0 && config.decays(name, param.getShape().dimension());
            // Every temporary of this update is registered in the scope and freed at its end;
            // the moments are created once and unregistered so they outlive it.
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray g = grad;
                if (decay && config.mode() == WeightDecayMode.L2) {
                    g = g.add(param.mul(config.weightDecay()));
                }
                NDArray m = firstMoments.computeIfAbsent(name, k -> persistent(stateManager.zeros(param.getShape())));
                NDArray v = secondMoments.computeIfAbsent(name, k -> persistent(stateManager.zeros(param.getShape())));
                m.muli(config.beta1()).addi(g.mul(1 - config.beta1()));
                v.muli(config.beta2()).addi(g.square().muli(1 - config.beta2()));
                if (decay && config.mode() == WeightDecayMode.DECOUPLED) {
                    param.subi(param.mul(lr * config.weightDecay()));
                }
                NDArray denom = v.div(bc2).sqrt().addi(config.eps());
                param.subi(m.div(bc1).divi(denom).muli(lr));
            }
        }
    }

    private static NDArray persistent(NDArray array) {
        NDScope.unregister(array);
        return array;
    }

    /** The optimiser state for a checkpoint: {@code m.<name>}, {@code v.<name>} (float32 copies). */
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        firstMoments.forEach((k, a) -> state.put("m." + k, a));
        secondMoments.forEach((k, a) -> state.put("v." + k, a));
        return state;
    }

    /** Restores moments written by {@link #state()} and the step counter. */
    public void load(Map<String, float[]> state, Map<String, long[]> shapes, long restoredStep) {
        firstMoments.values().forEach(NDArray::close);
        secondMoments.values().forEach(NDArray::close);
        firstMoments.clear();
        secondMoments.clear();
        for (Map.Entry<String, float[]> e : state.entrySet()) {
            String key = e.getKey();
            ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(shapes.get(key));
            NDArray array = persistent(stateManager.create(e.getValue(), shape));
            if (key.startsWith("m.")) {
                firstMoments.put(key.substring(2), array);
            } else if (key.startsWith("v.")) {
                secondMoments.put(key.substring(2), array);
            } else {
                throw new IllegalArgumentException("optimizer state: unexpected tensor " + key
                        + ", expected names starting with m. or v.");
            }
        }
        this.step = restoredStep;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
