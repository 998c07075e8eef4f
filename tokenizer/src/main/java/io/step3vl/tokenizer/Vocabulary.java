package io.step3vl.tokenizer;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The id space of a loaded tokenizer: each id's token string (byte-level pieces such as {@code Ġhello}
 * for BPE models, the content for added tokens) and the added tokens by content. Ids with no token
 * (gaps, or ids past the end) have no piece: the tokenizer silently skips them when decoding.
 */
public final class Vocabulary {
    private final String[] pieces;                 // index = id; null where no token
    private final Map<String, Long> pieceToId;
    private final List<AddedToken> addedTokens;    // ordered by id
    private final Map<String, AddedToken> addedByContent;
    private final boolean[] special;               // index = id

    Vocabulary(String[] pieces, List<AddedToken> addedTokens) {
        this.pieces = pieces;
        this.addedTokens = List.copyOf(addedTokens);
        this.pieceToId = new HashMap<>(pieces.length * 2);
        for (int id = 0; id < pieces.length; id++) {
            if (pieces[id] != null) {
                pieceToId.putIfAbsent(pieces[id], (long) id);
            }
        }
        this.addedByContent = new HashMap<>();
        this.special = new boolean[pieces.length];
        for (AddedToken token : this.addedTokens) {
            addedByContent.put(token.content(), token);
            pieceToId.put(token.content(), token.id());
            special[(int) token.id()] = token.special();
        }
    }

    /** One past the largest id that has a token: the smallest embedding that covers the tokenizer. */
    public int size() {
        return pieces.length;
    }

    /** The token string of {@code id}, empty for ids the tokenizer has no token for. */
    public Optional<String> piece(long id) {
        return id >= 0 && id < pieces.length ? Optional.ofNullable(pieces[(int) id]) : Optional.empty();
    }

    /** The id of a token string: an added token's content or a model piece (byte-level form). */
    public OptionalLong id(String piece) {
        Long id = pieceToId.get(piece);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** Every added token (special or not), ordered by id. */
    public List<AddedToken> addedTokens() {
        return Collections.unmodifiableList(addedTokens);
    }

    public Optional<AddedToken> addedToken(String content) {
        return Optional.ofNullable(addedByContent.get(content));
    }

    /** Whether {@code id} is an added token flagged special (dropped by skip-special decoding). */
    public boolean isSpecial(long id) {
        return id >= 0 && id < special.length && special[(int) id];
    }
}
