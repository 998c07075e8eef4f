package io.step3vl.eval.run;

import io.step3vl.eval.score.AnswerText;
import io.step3vl.inference.ChatBackend;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.Completion;
import io.step3vl.inference.ContentPart;
import io.step3vl.inference.SamplingParams;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Best-of-N with a judge model: the judge sees the original conversation (images included) with the
 * last user turn replaced by the question and every candidate's answer part, and names the best
 * candidate by number. Greedy decoding, thinking allowed; only the judge's answer part is read.
 */
public final class JudgeSelector {
    private static final Pattern NUMBER = Pattern.compile("\\b(\\d{1,4})\\b");

    private final ChatBackend judge;
    private final SamplingParams sampling;

    public JudgeSelector(ChatBackend judge, int maxTokens) {
        this.judge = judge;
        this.sampling = SamplingParams.greedy(maxTokens);
    }

    public String describe() {
        return judge.describe();
    }

    /** The judging prompt for these candidates. */
    static String prompt(String question, List<String> answers) {
        StringBuilder sb = new StringBuilder("You are checking candidate answers to a question. Decide which candidate "
                + "is most likely correct.\n\nQuestion:\n").append(question).append("\n\n");
        for (int i = 0; i < answers.size(); i++) {
            sb.append("Candidate ").append(i + 1).append(":\n").append(answers.get(i)).append("\n\n");
        }
        return sb.append("Reply with the number of the best candidate only.").toString();
    }

    /** The chosen sample's index, or null when the judge's reply names no candidate. */
    public Integer choose(List<ChatMessage> conversation, List<Sample> samples, boolean thinking) {
        List<String> answers = new ArrayList<>();
        for (Sample s : samples) {
            answers.add(s.reasoning() != null ? s.content().strip() : AnswerText.of(s.content(), thinking));
        }
        List<ChatMessage> messages = new ArrayList<>(conversation);
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage m = messages.get(i);
            if (m.role().equals("user")) {
                List<ContentPart> parts = new ArrayList<>();
                for (ContentPart p : m.content()) {
                    if (p instanceof ContentPart.Image) {
                        parts.add(p);
                    }
                }
                parts.add(new ContentPart.Text(prompt(m.text(), answers)));
                messages.set(i, new ChatMessage("user", parts, null));
                break;
            }
        }
        Completion reply = judge.complete(ChatRequest.of(messages, sampling)).get(0);
        String answer = reply.reasoning() != null ? reply.content() : AnswerText.of(reply.content(), sampling.thinking());
        Matcher m = NUMBER.matcher(answer);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n >= 1 && n <= samples.size()) {
                return n - 1;
            }
        }
        return null;
    }
}
