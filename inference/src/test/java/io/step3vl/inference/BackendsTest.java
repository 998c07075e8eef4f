package io.step3vl.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import io.step3vl.inference.http.ClientOptions;
import io.step3vl.inference.http.OpenAiClient;
import io.step3vl.inference.server.ChatServer;
import io.step3vl.inference.server.ServerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendsTest {
    @Test
    void endpointsNeedTheirKeyVariableSet() {
        BackendSpec spec = new BackendSpec.Endpoint(OpenAiClient.normaliseBase("http://127.0.0.1:9"), "m", "MY_KEY",
                ClientOptions.defaults());
        assertThatThrownBy(() -> Backends.open(spec, Map.of())).isInstanceOf(UserError.class)
                .hasMessage("--api-key-env: environment variable MY_KEY is not set");
        ChatBackend backend = Backends.open(spec, Map.of("MY_KEY", "k"));
        assertThat(backend.describe()).isEqualTo("http://127.0.0.1:9/v1 (m)");
    }

    @Test
    void anUnnamedModelIsTheServersOnlyOne() {
        SamplingParams s = SamplingParams.sampled(8, 0);
        try (ChatServer one = ChatServer.start(FakeBackend.deterministic(),
                ServerOptions.defaults("only", s).withAddress("127.0.0.1", 0), null);
             ChatServer two = ChatServer.start(FakeBackend.deterministic(), new ServerOptions("127.0.0.1", 0,
                     List.of("a", "b"), null, 1 << 20, false, 1 << 20, java.time.Duration.ofSeconds(1), s, 2,
                     java.time.Duration.ofSeconds(1)), null)) {
            ChatBackend backend = Backends.open(new BackendSpec.Endpoint(one.baseUrl(), null, null, ClientOptions.defaults()), Map.of());
            assertThat(backend.describe()).endsWith("(only)");
            assertThatThrownBy(() -> Backends.open(new BackendSpec.Endpoint(two.baseUrl(), null, null, ClientOptions.defaults()), Map.of()))
                    .isInstanceOf(UserError.class).hasMessageContaining("serves a, b; name the one to use");
        }
    }

    @Test
    void localModelDirectoriesMustExistAndHoldACheckpoint(@TempDir Path dir) {
        assertThatThrownBy(() -> Backends.open(new BackendSpec.LocalModel(dir.resolve("none"), "cpu"), Map.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("no such model directory");
        assertThatThrownBy(() -> Backends.open(new BackendSpec.LocalModel(dir, "cpu"), Map.of()))
                .isInstanceOf(UserError.class).hasMessageStartingWith(dir.toString());
    }
}
