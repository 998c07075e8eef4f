package io.step3vl.tokenizer.bpe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A byte-level BPE model: pieces by id (ids 0..255 are the byte characters in byte order) and the
 * merges in priority order. {@link #encode} is a plain reference implementation of what tokenizers-rs
 * does with the same model: pre-tokenize, then in each piece repeatedly merge the adjacent pair with
 * the best (lowest) rank, leftmost first.
 */
public final class BpeModel {
    private final List<String> pieces;
    private final List<Merge> merges;
    private final Map<Long, Integer> rankOf = new HashMap<>();    // (left, right) -> merge index
    private final Map<String, long[]> cache = new HashMap<>();

    public BpeModel(List<String> pieces, List<Merge> merges) {
        this.pieces = List.copyOf(pieces);
        this.merges = List.copyOf(merges);
        for (int rank = 0; rank < merges.size(); rank++) {
            rankOf.putIfAbsent(key(merges.get(rank).left(), merges.get(rank).right()), rank);
        }
    }

    /** The 256 byte pieces and nothing else. */
    public static BpeModel bytesOnly() {
        List<String> pieces = new ArrayList<>(256);
        for (int b = 0; b < 256; b++) {
            pieces.add(String.valueOf(ByteLevel.charOf(b)));
        }
        return new BpeModel(pieces, List.of());
    }

    public List<String> pieces() {
        return pieces;
    }

    public List<Merge> merges() {
        return merges;
    }

    public int size() {
        return pieces.size();
    }

    static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFF_FFFFL);
    }

    /** Ids of {@code text} (no added-token matching). */
    public long[] encode(String text) {
        List<long[]> parts = new ArrayList<>();
        int total = 0;
        for (String piece : PreTokenizer.split(text)) {
            long[] ids = cache.computeIfAbsent(piece, this::encodePiece);
            parts.add(ids);
            total += ids.length;
        }
        long[] out = new long[total];
        int at = 0;
        for (long[] ids : parts) {
            System.arraycopy(ids, 0, out, at, ids.length);
            at += ids.length;
        }
        return out;
    }

    private long[] encodePiece(String byteLevel) {
        int[] symbols = new int[byteLevel.length()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = ByteLevel.decode(String.valueOf(byteLevel.charAt(i)))[0] & 0xFF;
        }
        int n = symbols.length;
        while (n > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestAt = -1;
            for (int i = 0; i + 1 < n; i++) {
                Integer rank = rankOf.get(key(symbols[i], symbols[i + 1]));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                break;
            }
            symbols[bestAt] = merges.get(bestRank).result();
            System.arraycopy(symbols, bestAt + 2, symbols, bestAt + 1, n - bestAt - 2);
            n--;
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = symbols[i];
        }
        return ids;
    }
}
