package io.step3vl.inference.pacore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts reference answers down to fit a character allowance, evenly: every reference may keep the
 * same number of characters, and what short references do not use goes to the longer ones (water
 * filling). A cut reference keeps its beginning and its end, where the final answer usually is,
 * with {@link #MARKER} in place of the middle.
 */
public final class ReferenceTruncation {
    public static final String MARKER = "\n[...]\n";

    private ReferenceTruncation() {}

    /** The largest per-reference cap whose total fits in {@code allowance} characters. */
    static int cap(List<String> references, long allowance) {
        int[] lengths = references.stream().mapToInt(String::length).sorted().toArray();
        long total = Arrays.stream(lengths).asLongStream().sum();
        if (total <= allowance) {
            return Integer.MAX_VALUE;
        }
        long remaining = Math.max(0, allowance);
        for (int i = 0; i < lengths.length; i++) {
            int left = lengths.length - i;
            if ((long) lengths[i] * left > remaining) {
                return (int) (remaining / left);
            }
            remaining -= lengths[i];
        }
        return lengths.length == 0 ? 0 : lengths[lengths.length - 1];
    }

    /** Each reference cut to at most {@code cap} characters. */
    static List<String> apply(List<String> references, int cap) {
        List<String> out = new ArrayList<>(references.size());
        for (String r : references) {
            out.add(cut(r, cap));
        }
        return out;
    }

    static String cut(String text, int cap) {
        if (text.length() <= cap) {
            return text;
        }
        if (cap < MARKER.length() + 2) {
            return safeHead(text, Math.max(0, cap));
        }
        int keep = cap - MARKER.length();
        int tail = keep / 2;
        int head = keep - tail;
        return safeHead(text, head) + MARKER + safeTail(text, tail);
    }

    /** A prefix that does not end between the two halves of a surrogate pair. */
    private static String safeHead(String s, int n) {
        if (n > 0 && n < s.length() && Character.isHighSurrogate(s.charAt(n - 1))) {
            n--;
        }
        return s.substring(0, n);
    }

    private static String safeTail(String s, int n) {
        int start = s.length() - n;
        if (start > 0 && start < s.length() && Character.isLowSurrogate(s.charAt(start))) {
            start++;
        }
        return s.substring(start);
    }
}
