package io.step3vl.inference.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.ImageData;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.http.ScriptedServer.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OpenAiClientTest {
    private static final String OK = """
            {"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",
            "content":"The answer is 4.","reasoning_content":"2+2"},"finish_reason":"stop"}],
            "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""";
    private static final String ERROR_503 = "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}";

    private final FakeTicker ticker = new FakeTicker();
    private final ClientOptions fast = ClientOptions.defaults()
            .withRetries(3, Duration.ofMillis(100), Duration.ofSeconds(1))
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5));

    private OpenAiClient client(ScriptedServer server, ClientOptions options) {
        return new OpenAiClient(server.base(), "step3-vl", "sk-test", options, ticker);
    }

    private static ChatRequest request(boolean thinking) {
        SamplingParams s = new SamplingParams(0.7, 0.9, 20, 0.05, 1.1, 128, 1234, List.of("END"), thinking);
        ImageData png = new ImageData(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, "image/png", "a.png");
        return new ChatRequest(List.of(ChatMessage.system("sys"), ChatMessage.user("count", List.of(png))), s, 1);
    }

    @Test
    void sendsTheOpenAiBodyAndReadsReasoningAndUsage() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.json(200, OK))) {
            List<Completion> out = client(server, fast).complete(request(false));

            assertThat(out).singleElement().satisfies(c -> {
                assertThat(c.content()).isEqualTo("The answer is 4.");
                assertThat(c.reasoning()).isEqualTo("2+2");
                assertThat(c.promptTokens()).isEqualTo(12);
                assertThat(c.completionTokens()).isEqualTo(7);
                assertThat(c.finishReason()).isEqualTo("stop");
            });
            ScriptedServer.Received got = server.received().get(0);
            assertThat(got.path()).isEqualTo("/v1/chat/completions");
            assertThat(got.headers().get("Authorization")).containsExactly("Bearer sk-test");
            JsonNode body = Json.MAPPER.readTree(got.body());
            assertThat(body.get("model").asText()).isEqualTo("step3-vl");
            assertThat(body.get("n").asInt()).isEqualTo(1);
            assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
            assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
            assertThat(body.get("top_k").asInt()).isEqualTo(20);
            assertThat(body.get("min_p").asDouble()).isEqualTo(0.05);
            assertThat(body.get("repetition_penalty").asDouble()).isEqualTo(1.1);
            assertThat(body.get("max_tokens").asInt()).isEqualTo(128);
            assertThat(body.get("seed").asLong()).isEqualTo(1234);
            assertThat(body.get("stop").get(0).asText()).isEqualTo("END");
            assertThat(body.get("chat_template_kwargs").get("enable_thinking").asBoolean()).isFalse();
            assertThat(body.has("stream")).isFalse();
            JsonNode user = body.get("messages").get(1);
            assertThat(user.get("content").get(0).get("type").asText()).isEqualTo("image_url");
            assertThat(user.get("content").get(0).get("image_url").get("url").asText()).startsWith("data:image/png;base64,iVBORw0KGgo");
            assertThat(user.get("content").get(1).get("text").asText()).isEqualTo("count");
            assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("sys");
        }
    }

    @Test
    void defaultSamplingFieldsAreLeftOutForStrictServers() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.json(200, OK))) {
            client(server, fast).complete(ChatRequest.of(List.of(ChatMessage.user("hi")), SamplingParams.sampled(16, 3)));
            JsonNode body = Json.MAPPER.readTree(server.received().get(0).body());
            assertThat(body.has("top_k")).isFalse();
            assertThat(body.has("min_p")).isFalse();
            assertThat(body.has("repetition_penalty")).isFalse();
            assertThat(body.has("chat_template_kwargs")).isFalse();
            assertThat(body.has("stop")).isFalse();
        }
    }

    @Test
    void inlineThinkRepliesKeepTheirTextAndSplitOnRead() throws Exception {
        String inline = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"hmm</think>\\n\\n4\"},\"finish_reason\":\"length\"}]}";
        try (ScriptedServer server = new ScriptedServer(Reply.json(200, inline))) {
            Completion c = client(server, fast).complete(request(true)).get(0);
            assertThat(c.reasoning()).isNull();
            assertThat(c.answer()).isEqualTo("4");
            assertThat(c.reasoningText()).isEqualTo("hmm");
            assertThat(c.truncated()).isTrue();
        }
    }

    @Test
    void retries5xxWithGrowingJitteredBackoff() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.json(503, ERROR_503), Reply.json(502, "bad gateway"),
                Reply.json(500, ERROR_503), Reply.json(200, OK))) {
            Completion c = client(server, fast).complete(request(true)).get(0);
            assertThat(c.content()).isEqualTo("The answer is 4.");
            assertThat(server.received()).hasSize(4);
            List<Duration> sleeps = ticker.sleeps();
            assertThat(sleeps).hasSize(3);
            // retry k waits within [d/2, d] with d = 100 ms * 2^(k-1)
            for (int k = 1; k <= 3; k++) {
                long d = 100L << (k - 1);
                assertThat(sleeps.get(k - 1).toMillis()).isBetween(d / 2, d);
            }
        }
    }

    @Test
    void givesUpAfterTheRetryBudgetWithTheServersMessage() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.json(503, ERROR_503))) {
            assertThatThrownBy(() -> client(server, fast).complete(request(true)))
                    .isInstanceOf(EndpointException.class)
                    .hasMessageContaining("failed after 4 attempts").hasMessageContaining("HTTP 503: overloaded");
            assertThat(server.received()).hasSize(4);
        }
    }

    @Test
    void backoffIsCappedAtTheMaximum() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.json(200, OK))) {
            OpenAiClient c = client(server, fast.withRetries(10, Duration.ofMillis(100), Duration.ofMillis(300)));
            for (int k = 1; k <= 10; k++) {
                assertThat(c.backoff(k).toMillis()).isBetween(k == 1 ? 50L : 100L, 300L);
            }
        }
    }

    @Test
    void rateLimitRepliesWaitRetryAfterWithoutSpendingRetries() throws Exception {
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // twice the retry budget
            replies.add(Reply.withHeader(429, "Retry-After", "2", "{\"error\":{\"message\":\"slow down\"}}"));
        }
        replies.add(Reply.json(200, OK));
        try (ScriptedServer server = new ScriptedServer(replies.toArray(Reply[]::new))) {
            OpenAiClient c = client(server, fast);
            assertThat(c.complete(request(true)).get(0).content()).isEqualTo("The answer is 4.");
            assertThat(server.received()).hasSize(7);
            assertThat(ticker.totalSlept()).isGreaterThanOrEqualTo(Duration.ofSeconds(12));
            assertThat(ticker.sleeps()).contains(Duration.ofSeconds(2));
        }
    }

    @Test
    void aServerThatNeverStopsRateLimitingFailsAfterTheWaitCap() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.withHeader(429, "Retry-After", "30", "{}"))) {
            OpenAiClient c = client(server, fast.withMaxRateLimitWait(Duration.ofSeconds(100)));
            assertThatThrownBy(() -> c.complete(request(true))).isInstanceOf(EndpointException.class)
                    .hasMessageContaining("still rate-limited");
            assertThat(server.received()).hasSize(4); // 4 × 30 s > 100 s
        }
    }

    @Test
    void clientErrorsAreTheUsersWithTheServerMessageAndNotRetried() throws Exception {
        String notFound = "{\"object\":\"error\",\"message\":\"The model `nope` does not exist.\",\"type\":\"NotFoundError\",\"code\":404}";
        try (ScriptedServer server = new ScriptedServer(Reply.json(404, notFound))) {
            assertThatThrownBy(() -> client(server, fast).complete(request(true))).isInstanceOf(UserError.class)
                    .hasMessageContaining("HTTP 404: The model `nope` does not exist.");
            assertThat(server.received()).hasSize(1);
        }
        try (ScriptedServer server = new ScriptedServer(Reply.json(401, "{\"error\":{\"message\":\"bad key\"}}"))) {
            assertThatThrownBy(() -> client(server, fast).complete(request(true))).isInstanceOf(UserError.class)
                    .hasMessageContaining("bad key").hasMessageContaining("--api-key-env");
        }
    }

    @Test
    void aSlowReplyTimesOutAndIsRetried() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.slowJson(1500, OK), Reply.json(200, OK))) {
            OpenAiClient c = client(server, fast.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5)));
            assertThat(c.complete(request(true)).get(0).content()).isEqualTo("The answer is 4.");
            assertThat(server.received()).hasSize(2);
            assertThat(ticker.sleeps()).hasSize(1);
        }
    }

    @Test
    void connectionErrorsAreRetriedThenReported() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OpenAiClient c = new OpenAiClient(URI.create("http://127.0.0.1:" + port + "/v1"), "m", null,
                fast.withRetries(2, Duration.ofMillis(10), Duration.ofMillis(20)), ticker);
        assertThatThrownBy(() -> c.complete(request(true))).isInstanceOf(EndpointException.class)
                .hasMessageContaining("failed after 3 attempts").hasMessageContaining("cannot connect");
        assertThat(ticker.sleeps()).hasSize(2);
    }

    @Test
    void streamsSeparatedReasoningAndContentInOrder() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.sse(5,
                chunk(0, "{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk(0, "{\"reasoning_content\":\"let me \"}", null),
                chunk(0, "{\"reasoning_content\":\"count\"}", null),
                chunk(0, "{\"content\":\"Four\"}", null),
                chunk(0, "{\"content\":\".\"}", null),
                chunk(0, "{}", "stop"),
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9}}",
                "[DONE]"))) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            Completion c = client(server, fast).complete(request(true), (i, t, r) -> seen.add(i + (r ? "R:" : "C:") + t)).get(0);
            assertThat(seen).containsExactly("0R:let me ", "0R:count", "0C:Four", "0C:.");
            assertThat(c.content()).isEqualTo("Four.");
            assertThat(c.reasoning()).isEqualTo("let me count");
            assertThat(c.promptTokens()).isEqualTo(5);
            assertThat(c.completionTokens()).isEqualTo(9);
            JsonNode body = Json.MAPPER.readTree(server.received().get(0).body());
            assertThat(body.get("stream").asBoolean()).isTrue();
            assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
        }
    }

    @Test
    void streamsInlineThinkSplitForTheListenerAndInterleavedChoices() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.sse(0,
                chunk(0, "{\"content\":\"a</th\"}", null),
                chunk(1, "{\"content\":\"b</think>\"}", null),
                chunk(0, "{\"content\":\"ink>A\"}", null),
                chunk(1, "{\"content\":\"B\"}", "length"),
                chunk(0, "{}", "stop"),
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7}}",
                "[DONE]"))) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            ChatRequest two = new ChatRequest(request(true).messages(), request(true).sampling(), 2);
            List<Completion> out = client(server, fast).complete(two, (i, t, r) -> seen.add(i + (r ? "R:" : "C:") + t));
            assertThat(seen).containsExactly("0R:a", "1R:b", "0C:A", "1C:B");
            assertThat(out.get(0).content()).isEqualTo("a</think>A");
            assertThat(out.get(1).finishReason()).isEqualTo("length");
            assertThat(out.get(0).completionTokens() + out.get(1).completionTokens()).isEqualTo(7);
        }
    }

    @Test
    void aStreamThatStallsBeforeAnyTextIsRetriedButNotAfter() throws Exception {
        ClientOptions idle = fast.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(300));
        try (ScriptedServer server = new ScriptedServer(
                Reply.sse(1500, chunk(0, "{\"content\":\"late\"}", null)),
                Reply.sse(0, chunk(0, "{\"content\":\"ok\"}", "stop"), "[DONE]"))) {
            assertThat(client(server, idle).complete(request(false), (i, t, r) -> { }).get(0).content()).isEqualTo("ok");
            assertThat(server.received()).hasSize(2);
        }
        // a stream cut after text was shown (the server closes without [DONE]) is not retried
        try (ScriptedServer server = new ScriptedServer(Reply.sse(0, chunk(0, "{\"content\":\"partial\"}", null)))) {
            List<String> seen = new ArrayList<>();
            assertThatThrownBy(() -> client(server, idle).complete(request(false), (i, t, r) -> seen.add(t)))
                    .isInstanceOf(EndpointException.class).hasMessageContaining("not retried");
            assertThat(seen).containsExactly("partial");
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void aStreamedErrorStatusIsReportedLikeAPlainOne() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.json(400, "{\"error\":{\"message\":\"prompt too long\"}}"))) {
            assertThatThrownBy(() -> client(server, fast).complete(request(true), (i, t, r) -> { }))
                    .isInstanceOf(UserError.class).hasMessageContaining("prompt too long");
        }
    }

    @Test
    void neverMoreRequestsInFlightThanTheConcurrencyLimit() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.slowJson(150, OK))) {
            OpenAiClient c = new OpenAiClient(server.base(), "m", null, fast.withMaxConcurrency(2));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<List<Completion>>> futures = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    futures.add(pool.submit(() -> c.complete(request(true))));
                }
                for (Future<List<Completion>> f : futures) {
                    assertThat(f.get().get(0).content()).isEqualTo("The answer is 4.");
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(server.maxInFlight()).isEqualTo(2);
        }
    }

    @Test
    void tokenCountsComeFromTokenizeOrAreUnknown() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.json(200, "{\"count\":17,\"max_model_len\":65536}"))) {
            assertThat(client(server, fast).countTokens(List.of(ChatMessage.user("hi")))).isEqualTo(17);
            assertThat(server.received().get(0).path()).isEqualTo("/tokenize");
        }
        try (ScriptedServer server = new ScriptedServer(Reply.json(404, "{\"detail\":\"Not Found\"}"))) {
            OpenAiClient c = client(server, fast);
            assertThat(c.countTokens(List.of(ChatMessage.user("hi")))).isEqualTo(-1);
            assertThat(c.countTokens(List.of(ChatMessage.user("hi")))).isEqualTo(-1);
            assertThat(server.received()).hasSize(1); // asked once
        }
    }

    @Test
    void listsModels() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.json(200, "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}]}"))) {
            assertThat(client(server, fast).listModels()).containsExactly("a", "b");
            assertThat(server.received().get(0).path()).isEqualTo("/v1/models");
        }
    }

    @Test
    void endpointUrlsAreCheckedAndCompleted() {
        assertThat(OpenAiClient.normaliseBase("http://localhost:8000")).hasToString("http://localhost:8000/v1");
        assertThat(OpenAiClient.normaliseBase("http://h:1/v1/")).hasToString("http://h:1/v1");
        assertThat(OpenAiClient.normaliseBase("https://api.x.com/openai/v1")).hasToString("https://api.x.com/openai/v1");
        assertThatThrownBy(() -> OpenAiClient.normaliseBase("ftp://h/v1")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> OpenAiClient.normaliseBase("localhost:8000")).isInstanceOf(UserError.class);
        assertThat(OpenAiClient.rootOf(URI.create("http://h:1/v1"))).isEqualTo("http://h:1");
    }

    @Test
    void retryAfterInSecondsOrAsADate() {
        assertThat(OpenAiClient.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(OpenAiClient.retryAfter("0.5")).isEqualTo(Duration.ofMillis(500));
        assertThat(OpenAiClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
        assertThat(OpenAiClient.retryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(OpenAiClient.retryAfter("soon")).isNull();
        assertThat(OpenAiClient.retryAfter(null)).isNull();
    }

    private static String chunk(int index, String delta, String finish) {
        return "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":" + index + ",\"delta\":" + delta
                + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }
}
