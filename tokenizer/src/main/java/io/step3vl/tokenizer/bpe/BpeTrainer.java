package io.step3vl.tokenizer.bpe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Learns byte-level BPE merges: count pre-tokenized pieces, then repeatedly merge the most frequent
 * adjacent pair (ties: the smaller left id, then the smaller right id, so results are reproducible),
 * updating only the pieces that contain it.
 */
public final class BpeTrainer {
    private final Map<String, Long> pieceCounts = new HashMap<>();

    /** Adds a document's pieces to the counts. */
    public void add(String text) {
        for (String piece : PreTokenizer.split(text)) {
            pieceCounts.merge(piece, 1L, Long::sum);
        }
    }

    /** Distinct pre-tokenized pieces seen so far. */
    public int distinctPieces() {
        return pieceCounts.size();
    }

    /**
     * Merges until the model has {@code size} pieces (256 bytes + merges) or no pair occurs at least
     * {@code minFrequency} times.
     */
    public BpeModel train(int size, long minFrequency) {
        if (size < 256) {
            throw new IllegalArgumentException("a byte-level model needs at least 256 pieces, got " + size);
        }
        List<String> pieces = new ArrayList<>(BpeModel.bytesOnly().pieces());
        Map<String, Integer> idOf = new HashMap<>();
        for (int id = 0; id < pieces.size(); id++) {
            idOf.put(pieces.get(id), id);
        }
        // the words, sorted so that iteration order (and thus nothing) depends on hashing
        List<String> words = new ArrayList<>(pieceCounts.keySet());
        words.sort(null);
        int[][] symbols = new int[words.size()][];
        long[] freq = new long[words.size()];
        Map<Long, Long> pairCount = new HashMap<>();
        Map<Long, Set<Integer>> pairWords = new HashMap<>();
        for (int w = 0; w < words.size(); w++) {
            byte[] bytes = ByteLevel.decode(words.get(w));
            symbols[w] = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                symbols[w][i] = bytes[i] & 0xFF;
            }
            freq[w] = pieceCounts.get(words.get(w));
            addPairs(w, symbols[w], freq[w], pairCount, pairWords, +1);
        }
        PriorityQueue<long[]> queue = new PriorityQueue<>(BpeTrainer::compareCandidates);
        pairCount.forEach((pair, count) -> queue.add(new long[] {pair, count}));

        List<Merge> merges = new ArrayList<>();
        while (pieces.size() < size && !queue.isEmpty()) {
            long[] top = queue.poll();
            long pair = top[0];
            long current = pairCount.getOrDefault(pair, 0L);
            if (current != top[1]) {
                if (current > 0) {
                    queue.add(new long[] {pair, current});
                }
                continue;
            }
            if (current < minFrequency) {
                break;
            }
            int left = (int) (pair >>> 32);
            int right = (int) pair;
            String merged = pieces.get(left) + pieces.get(right);
            Integer result = idOf.get(merged);
            if (result == null) {
                result = pieces.size();
                pieces.add(merged);
                idOf.put(merged, result);
            }
            merges.add(new Merge(left, right, result));
            Set<Integer> touched = pairWords.remove(pair);
            Set<Long> changed = new HashSet<>();
            for (int w : touched == null ? Set.<Integer>of() : touched) {
                addPairs(w, symbols[w], -freq[w], pairCount, null, -1);
                collectPairs(symbols[w], changed);
                symbols[w] = mergeAll(symbols[w], left, right, result);
                addPairs(w, symbols[w], freq[w], pairCount, pairWords, +1);
                collectPairs(symbols[w], changed);
            }
            pairCount.remove(pair);
            for (long p : changed) {
                Long count = pairCount.get(p);
                if (count != null && count > 0 && p != pair) {
                    queue.add(new long[] {p, count});
                }
            }
        }
        return new BpeModel(pieces, merges);
    }

    /** Most frequent first; ties by the smaller (left, right) ids. */
    private static int compareCandidates(long[] a, long[] b) {
        int byCount = Long.compare(b[1], a[1]);
        if (byCount != 0) {
            return byCount;
        }
        int byLeft = Integer.compare((int) (a[0] >>> 32), (int) (b[0] >>> 32));
        return byLeft != 0 ? byLeft : Integer.compare((int) a[0], (int) b[0]);
    }

    private static void addPairs(int word, int[] s, long delta, Map<Long, Long> pairCount,
                                 Map<Long, Set<Integer>> pairWords, int sign) {
        for (int i = 0; i + 1 < s.length; i++) {
            long pair = BpeModel.key(s[i], s[i + 1]);
            long updated = pairCount.getOrDefault(pair, 0L) + delta;
            if (updated == 0) {
                pairCount.remove(pair);
            } else {
                pairCount.put(pair, updated);
            }
            if (sign > 0 && pairWords != null) {
                pairWords.computeIfAbsent(pair, k -> new HashSet<>()).add(word);
            }
        }
    }

    private static void collectPairs(int[] s, Set<Long> into) {
        for (int i = 0; i + 1 < s.length; i++) {
            into.add(BpeModel.key(s[i], s[i + 1]));
        }
    }

    /** Replaces every non-overlapping (left, right), scanning left to right, by {@code result}. */
    private static int[] mergeAll(int[] s, int left, int right, int result) {
        int[] out = new int[s.length];
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            if (i + 1 < s.length && s[i] == left && s[i + 1] == right) {
                out[n++] = result;
                i++;
            } else {
                out[n++] = s[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
