package io.step3vl.train.data.pack;

import io.step3vl.train.data.ImageRef;
import io.step3vl.train.data.Origin;
import java.util.List;

/**
 * A sample after tokenisation: token ids, which of them are training targets
 * ({@link LossMasks}), the images its image placeholders stand for (in order), and its origin.
 */
public record TokenizedSample(int[] tokens, boolean[] trained, List<ImageRef> images, Origin origin) {
    public TokenizedSample {
        if (tokens.length != trained.length) {
            throw new IllegalArgumentException("tokens and mask differ in length: " + tokens.length + " vs "
                    + trained.length);
        }
        images = List.copyOf(images);
    }

    public int length() {
        return tokens.length;
    }
}
