package io.step3vl.eval.run;

import io.step3vl.common.Json;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ContentPart;
import io.step3vl.inference.SamplingParams;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hashes behind prediction cache keys. A prediction is reused only when the item, the exact
 * prompt (text and image bytes), the generation settings and the mode are all unchanged: editing one
 * dataset's template re-generates that dataset only, and changing a scorer re-generates nothing.
 */
public final class Fingerprints {
    private Fingerprints() {}

    /** SHA-256 of the rendered conversation: roles, text, image bytes, reasoning of few-shot turns. */
    public static String prompt(List<ChatMessage> messages) {
        MessageDigest sha = sha256();
        for (ChatMessage m : messages) {
            update(sha, "role:" + m.role());
            for (ContentPart p : m.content()) {
                if (p instanceof ContentPart.Text t) {
                    update(sha, "text:" + t.text());
                } else if (p instanceof ContentPart.Image i) {
                    update(sha, "image:");
                    sha.update(sha256().digest(i.image().bytes()));
                }
            }
            if (m.reasoning() != null) {
                update(sha, "reasoning:" + m.reasoning());
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 12);
    }

    /**
     * The generation settings that change what a backend returns: sampling (its per-request seed
     * excluded: item seeds derive from {@code runSeed}), the run seed, the backend, PaCoRe's context
     * limit and, for best-of with a judge, the judge.
     */
    public static Map<String, Object> settings(SamplingParams s, long runSeed, String backend, int maxContext,
                                               String judge) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("temperature", s.temperature());
        m.put("top_p", s.topP());
        m.put("top_k", s.topK());
        m.put("min_p", s.minP());
        m.put("repetition_penalty", s.repetitionPenalty());
        m.put("max_tokens", s.maxTokens());
        m.put("stop", s.stop());
        m.put("thinking", s.thinking());
        m.put("seed", runSeed);
        m.put("backend", backend);
        if (maxContext > 0) {
            m.put("max_context", maxContext);
        }
        if (judge != null) {
            m.put("judge", judge);
        }
        return m;
    }

    public static String hash(Object value) {
        return HexFormat.of().formatHex(sha256().digest(Json.line(value).getBytes(StandardCharsets.UTF_8)), 0, 12);
    }

    /** The cache key of one item in one mode. */
    public static String key(String dataset, String id, String promptFingerprint, String settingsFingerprint, String mode) {
        MessageDigest sha = sha256();
        for (String part : new String[] {dataset, id, promptFingerprint, settingsFingerprint, mode}) {
            update(sha, part);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
