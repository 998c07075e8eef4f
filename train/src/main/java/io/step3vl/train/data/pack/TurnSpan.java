package io.step3vl.train.data.pack;

import io.step3vl.train.data.Role;

/**
 * Where one rendered turn lies in a token sequence: {@code [start, contentStart)} is the role header
 * (e.g. {@code <|im_start|>assistant\n}), {@code [contentStart, end)} the content — reasoning
 * included — and the end-of-turn token (e.g. {@code <|im_end|>}) as its last token. Separators after
 * {@code end} (a newline) belong to no turn.
 */
public record TurnSpan(Role role, int start, int contentStart, int end) {
    public TurnSpan {
        if (start < 0 || contentStart < start || end < contentStart) {
            throw new IllegalArgumentException("bad span [" + start + ", " + contentStart + ", " + end + ")");
        }
    }
}
