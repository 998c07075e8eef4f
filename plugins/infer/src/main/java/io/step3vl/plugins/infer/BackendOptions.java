package io.step3vl.plugins.infer;

import io.step3vl.common.UserError;
import io.step3vl.inference.BackendSpec;
import io.step3vl.inference.http.ClientOptions;
import io.step3vl.inference.http.OpenAiClient;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where answers come from: a local checkpoint or an OpenAI-compatible endpoint, and how to treat it. */
public final class BackendOptions {
    @Option(names = "--model", paramLabel = "DIR", description = "Local checkpoint directory to run in this process.")
    Path model;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "OpenAI-compatible API base (vLLM, SGLang, step3vl serve), e.g. http://localhost:8000/v1.")
    String endpoint;

    @Option(names = "--served-model", paramLabel = "NAME",
            description = "Model name on the endpoint. Default: the endpoint's only model.")
    String servedModel;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Environment variable holding the endpoint's API key (the key itself never goes on the command line).")
    String apiKeyEnv;

    @Option(names = "--max-concurrency", paramLabel = "N", defaultValue = "64",
            description = "Most requests in flight to the endpoint at once. Default: ${DEFAULT-VALUE}.")
    int maxConcurrency;

    @Option(names = "--rate", paramLabel = "REQ/S", defaultValue = "0",
            description = "Most requests started per second (0 = no limit; 429 replies slow it down anyway). "
                    + "Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5",
            description = "Retries of a request after 5xx, timeouts or connection errors. Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Longest wait for one reply. Default: ${DEFAULT-VALUE}.")
    long requestTimeout;

    /** The backend these flags name; exactly one of --model and --endpoint. */
    BackendSpec spec(String device) {
        if ((model == null) == (endpoint == null)) {
            throw new UserError("--model/--endpoint: give exactly one: a checkpoint directory or an endpoint URL");
        }
        if (model != null) {
            if (servedModel != null || apiKeyEnv != null) {
                throw new UserError("--served-model/--api-key-env: only apply with --endpoint");
            }
            return new BackendSpec.LocalModel(model, device);
        }
        if (maxConcurrency < 1) {
            throw new UserError("--max-concurrency: expected at least 1, got " + maxConcurrency);
        }
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
        ClientOptions options = defaults.withMaxConcurrency(maxConcurrency)
                .withRate(rate, defaults.burst())
                .withRetries(retries, defaults.backoffBase(), defaults.backoffMax())
                .withTimeouts(defaults.connectTimeout(), Duration.ofSeconds(requestTimeout),
                        defaults.streamIdleTimeout());
        return new BackendSpec.Endpoint(OpenAiClient.normaliseBase(endpoint), servedModel, apiKeyEnv, options);
    }
}
