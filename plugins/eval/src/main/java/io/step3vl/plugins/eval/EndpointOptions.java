package io.step3vl.plugins.eval;

import io.step3vl.common.UserError;
import io.step3vl.inference.BackendSpec;
import io.step3vl.inference.http.ClientOptions;
import io.step3vl.inference.http.OpenAiClient;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The model under evaluation: a local checkpoint or an OpenAI-compatible endpoint, and the client's limits. */
public final class EndpointOptions {
    @Option(names = "--model", paramLabel = "DIR", description = "Local checkpoint directory to run in this process.")
    Path model;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "OpenAI-compatible API base (vLLM, SGLang, step3vl serve), e.g. http://localhost:8000/v1.")
    String endpoint;

    @Option(names = "--served-model", paramLabel = "NAME",
            description = "Model name on the endpoint. Default: the endpoint's only model.")
    String servedModel;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Environment variable holding the endpoint's API key (never the key itself).")
    String apiKeyEnv;

    @Option(names = "--rate", paramLabel = "REQ/S", defaultValue = "0",
            description = "Most requests started per second at the endpoint (0 = no limit; a 429 slows the client "
                    + "down without using up retries). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5",
            description = "Retries of a request after 5xx, timeouts or connection errors. Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Longest wait for one reply. Default: ${DEFAULT-VALUE}.")
    long requestTimeout;

    /** The backend these flags name; exactly one of --model and --endpoint. */
    BackendSpec spec(String device, int maxConcurrency) {
        if ((model == null) == (endpoint == null)) {
            throw new UserError("--model/--endpoint: give exactly one: a checkpoint directory or an endpoint URL");
        }
        if (model != null) {
            if (servedModel != null || apiKeyEnv != null) {
                throw new UserError("--served-model/--api-key-env: only apply with --endpoint");
            }
            return new BackendSpec.LocalModel(model, device);
        }
        return endpoint(endpoint, servedModel, apiKeyEnv, maxConcurrency, "--endpoint");
    }

    BackendSpec.Endpoint endpoint(String url, String served, String keyEnv, int maxConcurrency, String flag) {
        if (rate < 0) {
            throw new UserError("--rate: expected requests per second >= 0, got " + rate);
        }
        if (retries < 0) {
            throw new UserError("--retries: expected a count >= 0, got " + retries);
        }
        if (requestTimeout < 1) {
            throw new UserError("--request-timeout: expected seconds >= 1, got " + requestTimeout);
        }
        ClientOptions defaults = ClientOptions.defaults();
        ClientOptions options = defaults.withMaxConcurrency(Math.max(1, maxConcurrency))
                .withRate(rate, defaults.burst())
                .withRetries(retries, defaults.backoffBase(), defaults.backoffMax())
                .withTimeouts(defaults.connectTimeout(), Duration.ofSeconds(requestTimeout), defaults.streamIdleTimeout());
        try {
            return new BackendSpec.Endpoint(OpenAiClient.normaliseBase(url), served, keyEnv, options);
        } catch (UserError e) {
            // normaliseBase names --endpoint; say which flag it really was
            throw flag.equals("--endpoint") ? e : new UserError(e.getMessage().replace("--endpoint", flag), e);
        }
    }
}
