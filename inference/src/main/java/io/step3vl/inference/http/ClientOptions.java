package io.step3vl.inference.http;

import java.time.Duration;

/**
 * How the HTTP client behaves under load and failure. Defaults suit a vLLM server running long
 * reasoning: an hour for a whole non-streaming reply (131K-token reasoning takes that long), five
 * minutes of silence before a stream counts as stalled.
 *
 * @param connectTimeout     to open a TCP connection
 * @param requestTimeout     for a whole non-streaming reply
 * @param streamIdleTimeout  longest gap between streamed lines before the stream counts as stalled
 * @param maxRetries         retries after the first attempt on 5xx, timeouts and connection errors
 * @param backoffBase        first retry delay; doubles each retry (half fixed, half random jitter)
 * @param backoffMax         cap on one retry delay
 * @param requestsPerSecond  token-bucket rate of request starts; 0 = unlimited until a 429 arrives
 * @param burst              token-bucket capacity
 * @param maxConcurrency     requests in flight at once
 * @param maxRateLimitWait   total time one request may spend waiting out 429s before it fails
 */
public record ClientOptions(Duration connectTimeout, Duration requestTimeout, Duration streamIdleTimeout,
                            int maxRetries, Duration backoffBase, Duration backoffMax, double requestsPerSecond,
                            int burst, int maxConcurrency, Duration maxRateLimitWait) {
    public ClientOptions {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0, got " + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1, got " + burst);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be >= 1, got " + maxConcurrency);
        }
    }

    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofMinutes(5), 5,
                Duration.ofSeconds(1), Duration.ofSeconds(60), 0, 8, 64, Duration.ofMinutes(15));
    }

    public ClientOptions withMaxConcurrency(int n) {
        return new ClientOptions(connectTimeout, requestTimeout, streamIdleTimeout, maxRetries, backoffBase,
                backoffMax, requestsPerSecond, burst, n, maxRateLimitWait);
    }

    public ClientOptions withRate(double perSecond, int newBurst) {
        return new ClientOptions(connectTimeout, requestTimeout, streamIdleTimeout, maxRetries, backoffBase,
                backoffMax, perSecond, newBurst, maxConcurrency, maxRateLimitWait);
    }

    public ClientOptions withRetries(int retries, Duration base, Duration max) {
        return new ClientOptions(connectTimeout, requestTimeout, streamIdleTimeout, retries, base, max,
                requestsPerSecond, burst, maxConcurrency, maxRateLimitWait);
    }

    public ClientOptions withTimeouts(Duration connect, Duration request, Duration streamIdle) {
        return new ClientOptions(connect, request, streamIdle, maxRetries, backoffBase, backoffMax,
                requestsPerSecond, burst, maxConcurrency, maxRateLimitWait);
    }

    public ClientOptions withMaxRateLimitWait(Duration wait) {
        return new ClientOptions(connectTimeout, requestTimeout, streamIdleTimeout, maxRetries, backoffBase,
                backoffMax, requestsPerSecond, burst, maxConcurrency, wait);
    }
}
