package io.step3vl.inference.server;

import io.step3vl.inference.SamplingParams;
import java.time.Duration;
import java.util.List;

/**
 * How {@link ChatServer} listens and what it accepts.
 *
 * @param host              address to bind; 127.0.0.1 keeps the server off the network
 * @param port              0 = any free port
 * @param modelNames        names clients may put in {@code model} (the first is listed first)
 * @param apiKey            required as {@code Authorization: Bearer ...} when not null
 * @param maxBodyBytes      larger request bodies get 413 (images travel inside the body as base64)
 * @param imageUrls         whether image_url parts may be http(s) URLs the server fetches
 * @param maxImageBytes     cap on one image, decoded
 * @param imageTimeout      for fetching one image URL
 * @param defaults          sampling for fields a request leaves out (its seed is not used: unseeded
 *                          requests get a random one)
 * @param workers           requests handled at once; more wait in line
 * @param shutdownGrace     how long {@link ChatServer#close()} lets running requests finish
 */
public record ServerOptions(String host, int port, List<String> modelNames, String apiKey, long maxBodyBytes,
                            boolean imageUrls, long maxImageBytes, Duration imageTimeout, SamplingParams defaults,
                            int workers, Duration shutdownGrace) {
    public ServerOptions {
        modelNames = List.copyOf(modelNames);
        if (modelNames.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one model name");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1, got " + maxBodyBytes);
        }
    }

    /** 64 MiB bodies (a few full-size images as base64), 64 workers, 30 s grace, 127.0.0.1. */
    public static ServerOptions defaults(String modelName, SamplingParams defaults) {
        return new ServerOptions("127.0.0.1", 8000, List.of(modelName), null, 64L << 20, true, 20L << 20,
                Duration.ofSeconds(30), defaults, 64, Duration.ofSeconds(30));
    }

    public ServerOptions withAddress(String newHost, int newPort) {
        return new ServerOptions(newHost, newPort, modelNames, apiKey, maxBodyBytes, imageUrls, maxImageBytes,
                imageTimeout, defaults, workers, shutdownGrace);
    }

    public ServerOptions withApiKey(String key) {
        return new ServerOptions(host, port, modelNames, key, maxBodyBytes, imageUrls, maxImageBytes, imageTimeout,
                defaults, workers, shutdownGrace);
    }

    public ServerOptions withLimits(long newMaxBodyBytes, int newWorkers) {
        return new ServerOptions(host, port, modelNames, apiKey, newMaxBodyBytes, imageUrls, maxImageBytes,
                imageTimeout, defaults, newWorkers, shutdownGrace);
    }

    public ServerOptions withImageUrls(boolean allowed) {
        return new ServerOptions(host, port, modelNames, apiKey, maxBodyBytes, allowed, maxImageBytes, imageTimeout,
                defaults, workers, shutdownGrace);
    }

    public ServerOptions withShutdownGrace(Duration grace) {
        return new ServerOptions(host, port, modelNames, apiKey, maxBodyBytes, imageUrls, maxImageBytes, imageTimeout,
                defaults, workers, grace);
    }
}
