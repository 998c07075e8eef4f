package io.step3vl.train.data;

import java.util.Locale;

/** The speaker of a conversation turn. */
public enum Role {
    SYSTEM, USER, ASSISTANT;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code system|user|assistant}; null for anything else. */
    public static Role parse(String word) {
        for (Role r : values()) {
            if (r.word().equals(word)) {
                return r;
            }
        }
        return null;
    }
}
