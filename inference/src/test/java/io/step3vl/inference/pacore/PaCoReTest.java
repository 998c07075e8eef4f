package io.step3vl.inference.pacore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.FakeBackend;
import io.step3vl.inference.ImageData;
import io.step3vl.inference.SamplingParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PaCoReTest {
    private static final ImageData IMAGE = new ImageData(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png", "x.png");
    private final SamplingParams sampling = SamplingParams.sampled(64, 0);
    private final List<ChatMessage> conversation = List.of(
            ChatMessage.system("Be brief."),
            ChatMessage.user("How many red circles?", List.of(IMAGE)));

    @Test
    void roundZeroSendsTheConversationKTimesWithDerivedSeeds() {
        FakeBackend backend = FakeBackend.deterministic();
        PaCoReResult result = PaCoRe.run(backend, conversation, new PaCoReConfig(List.of(4), sampling, 0, 42));

        assertThat(result.rounds()).hasSize(2);
        assertThat(result.rounds().get(0)).hasSize(4);
        assertThat(result.rounds().get(1)).hasSize(1);
        assertThat(result.finalCompletion()).isSameAs(result.rounds().get(1).get(0));
        List<ChatRequest> round0 = backend.requests().stream()
                .filter(r -> r.messages().equals(conversation)).toList();
        assertThat(round0).hasSize(4);
        assertThat(round0).allSatisfy(r -> assertThat(r.n()).isEqualTo(1));
        assertThat(round0.stream().map(r -> r.sampling().seed()))
                .containsExactlyInAnyOrder(Seeds.derive(42, 0, 0), Seeds.derive(42, 0, 1), Seeds.derive(42, 0, 2),
                        Seeds.derive(42, 0, 3));
        // request i of the result is the rollout with seed i, whatever order they finished in
        for (int i = 0; i < 4; i++) {
            assertThat(result.rounds().get(0).get(i).content()).contains("seed " + Seeds.derive(42, 0, i));
        }
    }

    @Test
    void synthesisPromptHoldsTheShuffledAnswersAndKeepsTheImage() {
        FakeBackend backend = FakeBackend.deterministic();
        PaCoReResult result = PaCoRe.run(backend, conversation, new PaCoReConfig(List.of(5), sampling, 0, 7));

        List<String> expectedRefs = expectedReferences(result.rounds().get(0), new Random(Seeds.derive(7, 1, PaCoRe.SHUFFLE)));
        String expectedPrompt = SynthesisPrompt.render("How many red circles?", expectedRefs);
        ChatRequest synthesis = backend.requests().stream()
                .filter(r -> !r.messages().equals(conversation)).findFirst().orElseThrow();
        assertThat(synthesis.messages()).hasSize(2);
        assertThat(synthesis.messages().get(0)).isEqualTo(conversation.get(0));
        ChatMessage user = synthesis.messages().get(1);
        assertThat(user.role()).isEqualTo("user");
        assertThat(user.text()).isEqualTo(expectedPrompt);
        assertThat(user.images()).containsExactly(IMAGE);
        assertThat(synthesis.sampling().seed()).isEqualTo(Seeds.derive(7, 1, 0));
        // the references are the answers (after </think>), verbatim, reasoning left out
        assertThat(expectedRefs).allSatisfy(r -> assertThat(r).startsWith("\n\nanswer ").doesNotContain("thinking"));
    }

    @Test
    void laterRoundsSynthesiseThePreviousRound() {
        FakeBackend backend = FakeBackend.deterministic();
        PaCoReResult result = PaCoRe.run(backend, conversation, new PaCoReConfig(List.of(3, 2), sampling, 0, 1));
        assertThat(result.rounds()).extracting(List::size).containsExactly(3, 2, 1);
        List<String> refsFor2 = expectedReferences(result.rounds().get(1), new Random(Seeds.derive(1, 2, PaCoRe.SHUFFLE)));
        String finalPrompt = SynthesisPrompt.render("How many red circles?", refsFor2);
        assertThat(backend.requests()).anySatisfy(r -> {
            assertThat(r.sampling().seed()).isEqualTo(Seeds.derive(1, 2, 0));
            assertThat(r.messages().get(1).text()).isEqualTo(finalPrompt);
        });
        assertThat(refsFor2).hasSize(2);
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentRun() {
        PaCoReConfig cfg = new PaCoReConfig(List.of(6), sampling, 0, 11);
        PaCoReResult a = PaCoRe.run(FakeBackend.deterministic(), conversation, cfg);
        PaCoReResult b = PaCoRe.run(FakeBackend.deterministic(), conversation, cfg);
        PaCoReResult c = PaCoRe.run(FakeBackend.deterministic(), conversation, new PaCoReConfig(List.of(6), sampling, 0, 12));
        assertThat(a.finalCompletion().content()).isEqualTo(b.finalCompletion().content());
        assertThat(a.finalCompletion().content()).isNotEqualTo(c.finalCompletion().content());
    }

    @Test
    void emptyResponsesAreNotReferences() {
        AtomicInteger calls = new AtomicInteger();
        FakeBackend backend = new FakeBackend((req, i) -> {
            String text = FakeBackend.lastUserText(req.messages());
            if (text.startsWith("You are given")) {
                return new Completion("final", null, "stop", 1, 1, 0, null, null);
            }
            boolean empty = calls.getAndIncrement() % 2 == 0;
            // a reply cut off while thinking has no visible content either
            return new Completion(empty ? "still thinking" : "</think>ok", null, empty ? "length" : "stop", 1, 1, 0, null, null);
        });
        PaCoReResult result = PaCoRe.run(backend, conversation, new PaCoReConfig(List.of(4), sampling, 0, 3));
        String prompt = backend.requests().get(backend.requests().size() - 1).messages().get(1).text();
        assertThat(prompt).contains("Reference 2:\nok\n").doesNotContain("Reference 3").doesNotContain("still thinking");
        assertThat(result.finalCompletion().content()).isEqualTo("final");
    }

    @Test
    void failedRolloutsBecomeEmptyWithAWarningUntilAllFail() {
        AtomicInteger calls = new AtomicInteger();
        FakeBackend flaky = new FakeBackend((req, i) -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("HTTP 503 after retries");
            }
            return new Completion("</think>fine", null, "stop", 1, 1, 0, null, null);
        });
        List<String> warnings = new CopyOnWriteArrayList<>();
        PaCoReResult result = PaCoRe.run(flaky, conversation, new PaCoReConfig(List.of(3), sampling, 0, 3),
                new PaCoReListener() {
                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                });
        assertThat(result.rounds().get(0)).filteredOn(c -> "error".equals(c.finishReason())).hasSize(1);
        assertThat(warnings).singleElement().asString().contains("HTTP 503 after retries");

        FakeBackend down = new FakeBackend((req, i) -> {
            throw new IllegalStateException("down");
        });
        assertThatThrownBy(() -> PaCoRe.run(down, conversation, new PaCoReConfig(List.of(2), sampling, 0, 3)))
                .hasMessage("down");
        FakeBackend unauthorised = new FakeBackend((req, i) -> {
            throw new UserError("HTTP 401: bad key");
        });
        assertThatThrownBy(() -> PaCoRe.run(unauthorised, conversation, new PaCoReConfig(List.of(2), sampling, 0, 3)))
                .isInstanceOf(UserError.class);
    }

    @Test
    void overBudgetReferencesAreCutEvenlyWithAWarning() {
        FakeBackend backend = new FakeBackend((req, i) -> {
            String text = FakeBackend.lastUserText(req.messages());
            if (text.startsWith("You are given")) {
                return new Completion("final", null, "stop", 1, 1, 0, null, null);
            }
            long seed = req.sampling().seed();
            String body = ("step " + seed + " ").repeat(50 + (int) (seed % 200));
            return new Completion("</think>" + body + "ANSWER " + seed, null, "stop", 1, 1, 0, null, null);
        });
        List<String> warnings = new CopyOnWriteArrayList<>();
        PaCoReConfig cfg = new PaCoReConfig(List.of(4), sampling, 64 + 600, 5); // 600-token prompt budget
        PaCoRe.run(backend, conversation, cfg, new PaCoReListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });
        List<ChatMessage> synthesis = backend.requests().get(backend.requests().size() - 1).messages();
        assertThat(PromptSize.estimate(synthesis)).isLessThanOrEqualTo(600);
        String prompt = synthesis.get(1).text();
        assertThat(prompt).contains(ReferenceTruncation.MARKER);
        for (int i = 0; i < 4; i++) {
            assertThat(prompt).contains("ANSWER " + Seeds.derive(5, 0, i)); // the ends survive
        }
        assertThat(warnings).singleElement().asString()
                .contains("600-token budget").contains("4 references").contains("chars/token").contains("removing");
    }

    @Test
    void budgetUsesTheBackendsOwnTokenCountWhenItHasOne() {
        FakeBackend backend = FakeBackend.deterministicCountingWords();
        List<String> warnings = new CopyOnWriteArrayList<>();
        // the prompt frame alone is 57 words; with 4 answers of 3-4 words each it does not fit in 65
        PaCoReConfig cfg = new PaCoReConfig(List.of(4), sampling, 64 + 65, 9);
        PaCoRe.run(backend, conversation, cfg, new PaCoReListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });
        List<ChatMessage> synthesis = backend.requests().get(backend.requests().size() - 1).messages();
        assertThat(backend.countTokens(synthesis)).isLessThanOrEqualTo(65);
        assertThat(warnings).singleElement().asString().doesNotContain("chars/token");
    }

    @Test
    void aBudgetTooSmallForTheFrameIsAUserError() {
        PaCoReConfig cfg = new PaCoReConfig(List.of(2), sampling, 64 + 10, 9);
        assertThatThrownBy(() -> PaCoRe.run(FakeBackend.deterministic(), conversation, cfg))
                .isInstanceOf(UserError.class).hasMessageContaining("before any reference");
    }

    @Test
    void aConversationWithoutAUserTurnIsRejected() {
        assertThatThrownBy(() -> PaCoRe.run(FakeBackend.deterministic(), List.of(ChatMessage.system("x")),
                new PaCoReConfig(List.of(2), sampling, 0, 1))).isInstanceOf(UserError.class);
    }

    /** The reference order computed independently of PaCoRe.references. */
    private static List<String> expectedReferences(List<Completion> round, Random shuffle) {
        List<Completion> sorted = new ArrayList<>(round);
        sorted.sort(Comparator.comparingInt(c -> visible(c).length()));
        Collections.shuffle(sorted, shuffle);
        List<String> refs = new ArrayList<>();
        for (Completion c : sorted) {
            if (!visible(c).isEmpty()) {
                refs.add(visible(c));
            }
        }
        return refs;
    }

    private static String visible(Completion c) {
        int cut = c.content().lastIndexOf("</think>");
        return cut < 0 ? "" : c.content().substring(cut + "</think>".length());
    }
}
