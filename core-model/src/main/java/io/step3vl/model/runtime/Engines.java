package io.step3vl.model.runtime;

import ai.djl.engine.Engine;

/**
 * The PyTorch engine, started offline. DJL calls home (telemetry, cloud metadata) and may try to
 * download natives unless told not to; both switches are read from environment variables or system
 * properties, so setting the properties before the first engine access is enough.
 */
public final class Engines {
    public static final String ENGINE = "PyTorch";

    private Engines() {}

    /** Sets DJL's offline and no-tracking switches (idempotent; a user's explicit setting wins). */
    public static void preventNetworkAccess() {
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("offline", "true");
    }

    /** The PyTorch engine with networking switched off. */
    public static Engine pytorch() {
        preventNetworkAccess();
        return Engine.getEngine(ENGINE);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
