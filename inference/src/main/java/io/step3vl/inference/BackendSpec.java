package io.step3vl.inference;

import io.step3vl.inference.http.ClientOptions;
import java.net.URI;
import java.nio.file.Path;

/** Which backend to open: an OpenAI-compatible endpoint or a local checkpoint directory. */
public sealed interface BackendSpec {
    /**
     * @param baseUrl     the API base, e.g. {@code http://localhost:8000/v1}
     * @param servedModel the served model name; null = ask the server and use its only model
     * @param apiKeyEnv   name of the environment variable holding the API key; null = no key
     */
    record Endpoint(URI baseUrl, String servedModel, String apiKeyEnv, ClientOptions options) implements BackendSpec {}

    /** A checkpoint directory run in this process ({@code device} is cpu, gpu or auto). */
    record LocalModel(Path dir, String device) implements BackendSpec {}
}
