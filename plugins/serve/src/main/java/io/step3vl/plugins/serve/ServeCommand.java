package io.step3vl.plugins.serve;

import io.step3vl.common.ExitCode;
import io.step3vl.common.UserError;
import io.step3vl.inference.BackendSpec;
import io.step3vl.inference.Backends;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.http.ClientOptions;
import io.step3vl.inference.http.OpenAiClient;
import io.step3vl.inference.server.ChatServer;
import io.step3vl.inference.server.ServerOptions;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageCommand;
import io.step3vl.plugin.StageContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.pf4j.Extension;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code step3vl serve}: an OpenAI-compatible server until Ctrl-C, which lets running requests finish. */
@Extension
@Command(name = "serve",
        description = {"Serve the model over an OpenAI-compatible HTTP API.",
            "POST /v1/chat/completions (streaming or not, n > 1, images as data URIs or URLs), GET /v1/models, "
                + "GET /health and POST /tokenize. Binds 127.0.0.1 unless --host says otherwise; Ctrl-C stops "
                + "after running requests finish."},
        footer = {"%nExamples:",
            "  step3vl serve --model runs/sft/final",
            "  STEP3VL_KEY=s3cret step3vl serve --model runs/sft/final --host 0.0.0.0 --port 8080 --api-key-env STEP3VL_KEY",
            "  step3vl serve --endpoint http://gpu:8000/v1 --served-model step3-vl --port 9000   # a proxy",
            "  step3vl infer --endpoint http://127.0.0.1:8000/v1 \"Hello\"   # then ask it"})
public final class ServeCommand implements StageCommand, Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", paramLabel = "DIR", description = "Checkpoint directory to serve.")
    Path model;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Serve another OpenAI-compatible endpoint instead (a proxy, e.g. to add a key or a name).")
    String endpoint;

    @Option(names = "--served-model", paramLabel = "NAME",
            description = "With --endpoint: the upstream model name. Default: the upstream's only model.")
    String servedModel;

    @Option(names = "--upstream-api-key-env", paramLabel = "VAR",
            description = "With --endpoint: environment variable holding the upstream's API key.")
    String upstreamApiKeyEnv;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Model name clients use (repeatable). Default: the checkpoint directory's name, or the upstream model's.")
    List<String> names;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to bind; 0.0.0.0 opens the server to the network. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8000",
            description = "Port to listen on (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Environment variable holding the key clients must send (Authorization: Bearer KEY).")
    String apiKeyEnv;

    @Option(names = "--max-body-mb", paramLabel = "MB", defaultValue = "64",
            description = "Largest request body; images travel inside it as base64. Default: ${DEFAULT-VALUE}.")
    int maxBodyMb;

    @Option(names = "--no-image-urls", description = "Refuse http(s) image URLs (accept data: URIs only).")
    boolean noImageUrls;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "64",
            description = "Requests handled at once (the backend batches them); more wait. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "8192",
            description = "Token limit for requests that do not set max_tokens. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--think", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Thinking mode for requests that do not set chat_template_kwargs.enable_thinking. Default: on.")
    boolean think;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long Ctrl-C waits for running requests. Default: ${DEFAULT-VALUE}.")
    int shutdownGrace;

    private final Map<String, String> env;
    private final Consumer<ChatServer> onStarted;

    public ServeCommand() {
        this(System.getenv(), server -> { });
    }

    /** For tests: the environment, and a callback with the running server (which a test closes). */
    ServeCommand(Map<String, String> env, Consumer<ChatServer> onStarted) {
        this.env = env;
        this.onStarted = onStarted;
    }

    @Override
    public String group() {
        return StageCommand.INFERENCE_AND_EVALUATION;
    }

    @Override
    public Integer call() throws InterruptedException {
        StageContext ctx = common.context();
        ServerOptions options = serverOptions();
        BackendSpec spec = backendSpec(ctx);
        ChatBackend backend = Backends.open(spec, env);
        List<String> modelNames = names != null && !names.isEmpty() ? names : List.of(defaultName(backend));
        options = new ServerOptions(options.host(), options.port(), modelNames, options.apiKey(), options.maxBodyBytes(),
                options.imageUrls(), options.maxImageBytes(), options.imageTimeout(), options.defaults(),
                options.workers(), options.shutdownGrace());
        ChatServer server;
        try {
            server = ChatServer.start(backend, options, ctx::debug);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        Thread hook = new Thread(server::close, "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ctx.info("serving " + String.join(", ", modelNames) + " at " + server.baseUrl() + " (backend: "
                    + backend.describe() + (options.apiKey() != null ? "; API key required" : "") + "); Ctrl-C stops");
            if (ctx.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("url", server.baseUrl().toString());
                json.put("models", modelNames);
                json.put("backend", backend.describe());
                ctx.printJson(json);
            }
            onStarted.accept(server);
            server.awaitStopped();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what is stopping the server
            }
            server.close();
            backend.close();
        }
        ctx.info("stopped");
        return ExitCode.OK;
    }

    private ServerOptions serverOptions() {
        if (port < 0 || port > 65535) {
            throw new UserError("--port: expected 0..65535, got " + port);
        }
        if (maxBodyMb < 1) {
            throw new UserError("--max-body-mb: expected at least 1, got " + maxBodyMb);
        }
        if (workers < 1) {
            throw new UserError("--workers: expected at least 1, got " + workers);
        }
        if (maxTokens < 1) {
            throw new UserError("--max-tokens: expected a positive token count, got " + maxTokens);
        }
        if (shutdownGrace < 0) {
            throw new UserError("--shutdown-grace: expected seconds >= 0, got " + shutdownGrace);
        }
        String key = null;
        if (apiKeyEnv != null) {
            key = env.get(apiKeyEnv);
            if (key == null || key.isBlank()) {
                throw new UserError("--api-key-env: environment variable " + apiKeyEnv + " is not set");
            }
        }
        SamplingParams defaults = new SamplingParams(1.0, 1.0, 0, 0, 1.0, maxTokens, 0, List.of(), think);
        return new ServerOptions(host, port, List.of("unnamed"), key, (long) maxBodyMb << 20, !noImageUrls, 20L << 20,
                Duration.ofSeconds(30), defaults, workers, Duration.ofSeconds(shutdownGrace));
    }

    private BackendSpec backendSpec(StageContext ctx) {
        if ((model == null) == (endpoint == null)) {
            throw new UserError("--model/--endpoint: give exactly one: the checkpoint to serve or an endpoint to proxy");
        }
        if (model != null) {
            if (servedModel != null || upstreamApiKeyEnv != null) {
                throw new UserError("--served-model/--upstream-api-key-env: only apply with --endpoint");
            }
            return new BackendSpec.LocalModel(model, ctx.device().toString());
        }
        return new BackendSpec.Endpoint(OpenAiClient.normaliseBase(endpoint), servedModel, upstreamApiKeyEnv,
                ClientOptions.defaults().withMaxConcurrency(workers));
    }

    private String defaultName(ChatBackend backend) {
        if (model != null) {
            Path name = model.toAbsolutePath().normalize().getFileName();
            return name == null ? "step3-vl" : name.toString();
        }
        return backend instanceof OpenAiClient client ? client.model() : "step3-vl";
    }
}
