package io.step3vl.inference.pacore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceTruncationTest {
    @Test
    void capFillsEvenlyAndShortReferencesKeepEverything() {
        List<String> refs = List.of("a".repeat(10), "b".repeat(100), "c".repeat(200));
        // 10 fits; the other two share 170 - 10 = 160 → 80 each
        assertThat(ReferenceTruncation.cap(refs, 170)).isEqualTo(80);
        assertThat(ReferenceTruncation.cap(refs, 310)).isEqualTo(Integer.MAX_VALUE);
        assertThat(ReferenceTruncation.cap(refs, 30)).isEqualTo(10);
        assertThat(ReferenceTruncation.cap(refs, 0)).isZero();
        List<String> cut = ReferenceTruncation.apply(refs, 80);
        assertThat(cut.stream().mapToInt(String::length).sum()).isLessThanOrEqualTo(170);
        assertThat(cut.get(0)).isEqualTo(refs.get(0));
    }

    @Test
    void cutKeepsHeadAndTailAroundTheMarker() {
        String text = "BEGIN" + "-".repeat(100) + "ANSWER: 42";
        String cut = ReferenceTruncation.cut(text, 40);
        assertThat(cut).hasSize(40).startsWith("BEGIN").endsWith("ANSWER: 42").contains(ReferenceTruncation.MARKER);
        assertThat(ReferenceTruncation.cut("short", 40)).isEqualTo("short");
        assertThat(ReferenceTruncation.cut("abcdefgh", 3)).isEqualTo("abc");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String text = emoji.repeat(30);
        String cut = ReferenceTruncation.cut(text, 21);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(Character.isLowSurrogate(cut.charAt(i + 1))).isTrue();
            }
            if (Character.isLowSurrogate(c)) {
                assertThat(Character.isHighSurrogate(cut.charAt(i - 1))).isTrue();
            }
        }
    }
}
