package io.step3vl.inference;

import io.step3vl.common.UserError;
import io.step3vl.inference.http.OpenAiClient;
import io.step3vl.inference.local.LocalBackend;
import io.step3vl.model.runtime.DeviceChoice;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * Opens the backend a {@link BackendSpec} names: endpoints become an {@link OpenAiClient}, local
 * checkpoint directories a {@link LocalBackend} running the model in this process.
 */
public final class Backends {
    private Backends() {}

    public static ChatBackend open(BackendSpec spec) {
        return open(spec, System.getenv());
    }

    /** {@code env} is where API keys are looked up (the process environment outside tests). */
    public static ChatBackend open(BackendSpec spec, Map<String, String> env) {
        if (spec instanceof BackendSpec.Endpoint e) {
            return openEndpoint(e, env);
        }
        BackendSpec.LocalModel local = (BackendSpec.LocalModel) spec;
        if (!Files.isDirectory(local.dir())) {
            throw UserError.at(local.dir(), "no such model directory (expected a checkpoint with config.json)");
        }
        return LocalBackend.open(local.dir(), DeviceChoice.parse(local.device() == null ? "auto" : local.device()));
    }

    private static ChatBackend openEndpoint(BackendSpec.Endpoint e, Map<String, String> env) {
        String key = null;
        if (e.apiKeyEnv() != null && !e.apiKeyEnv().isBlank()) {
            key = env.get(e.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new UserError("--api-key-env: environment variable " + e.apiKeyEnv() + " is not set");
            }
        }
        if (e.servedModel() != null && !e.servedModel().isBlank()) {
            return new OpenAiClient(e.baseUrl(), e.servedModel(), key, e.options());
        }
        List<String> models = new OpenAiClient(e.baseUrl(), "", key, e.options()).listModels();
        if (models.size() != 1) {
            throw new UserError("--served-model: " + e.baseUrl() + " serves " + (models.isEmpty() ? "no models"
                    : String.join(", ", models)) + "; name the one to use");
        }
        return new OpenAiClient(e.baseUrl(), models.get(0), key, e.options());
    }
}
