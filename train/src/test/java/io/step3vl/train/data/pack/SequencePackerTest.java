package io.step3vl.train.data.pack;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.train.data.ImageRef;
import io.step3vl.train.data.Origin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequencePackerTest {
    /** A sample of {@code length} tokens {@code base, base+1, ...}, all trained except the first. */
    private static TokenizedSample sample(int base, int length) {
        int[] tokens = new int[length];
        boolean[] trained = new boolean[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = base + i;
            trained[i] = i > 0;
        }
        return new TokenizedSample(tokens, trained, List.of(), new Origin("s", "f", "line " + base));
    }

    private static List<Pack> packAll(SequencePacker packer, TokenizedSample... samples) {
        List<Pack> packs = new ArrayList<>();
        for (TokenizedSample s : samples) {
            Pack p = packer.add(s);
            if (p != null) {
                packs.add(p);
            }
        }
        Pack last = packer.flush();
        if (last != null) {
            packs.add(last);
        }
        return packs;
    }

    @Test
    void greedyNextFitNeverTruncatesAndDropsOversizeSamples() {
        SequencePacker packer = new SequencePacker(10, false, 0);
        List<Pack> packs = packAll(packer, sample(100, 4), sample(200, 5), sample(300, 3), sample(400, 11),
                sample(500, 10), sample(600, 2));
        assertThat(packs).extracting(Pack::segmentCount).containsExactly(2, 1, 1, 1);
        assertThat(packs).extracting(Pack::length).containsExactly(9, 3, 10, 2);
        assertThat(packer.stats().droppedOversize()).isEqualTo(1);
        assertThat(packer.stats().samples()).isEqualTo(5);
        assertThat(packer.stats().packs()).isEqualTo(4);
        for (Pack p : packs) {
            for (int t : p.inputIds()) {
                assertThat(t / 100).isNotEqualTo(4); // nothing of the oversize sample, not even a prefix
            }
        }
    }

    @Test
    void positionsRestartAndTargetsNeverCrossASampleBoundary() {
        Pack p = packAll(new SequencePacker(16, false, 0), sample(100, 4), sample(200, 3)).get(0);
        assertThat(p.inputIds()).containsExactly(100, 101, 102, 103, 200, 201, 202);
        assertThat(p.positionIds()).containsExactly(0, 1, 2, 3, 0, 1, 2);
        assertThat(p.segmentIds()).containsExactly(0, 0, 0, 0, 1, 1, 1);
        assertThat(p.segmentStarts()).containsExactly(0, 4, 7);
        assertThat(p.targets()).containsExactly(101, 102, 103, 0, 201, 202, 0);
        // position 3 (last of sample 0) must not learn to predict 200 (first of sample 1)
        assertThat(p.targetMask()).containsExactly(true, true, true, false, true, true, false);
        assertThat(p.trainedTokens()).isEqualTo(5);
    }

    @Test
    void attentionIsBlockDiagonalAndCausal() {
        Pack p = packAll(new SequencePacker(16, false, 0), sample(100, 3), sample(200, 2)).get(0);
        assertThat(p.attends(2, 0)).isTrue();
        assertThat(p.attends(0, 2)).isFalse(); // future
        assertThat(p.attends(3, 2)).isFalse(); // other sample
        assertThat(p.attends(4, 3)).isTrue();
        float[] mask = p.additiveMask();
        assertThat(mask[3 * 5 + 2]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(mask[4 * 5 + 3]).isZero();
    }

    @Test
    void paddingToFullLengthHasNoLossAndItsOwnSegment() {
        SequencePacker packer = new SequencePacker(8, true, 7);
        Pack p = packAll(packer, sample(100, 3)).get(0);
        assertThat(p.inputIds()).containsExactly(100, 101, 102, 7, 7, 7, 7, 7);
        assertThat(p.segmentIds()).containsExactly(0, 0, 0, -1, -1, -1, -1, -1);
        assertThat(p.positionIds()).containsExactly(0, 1, 2, 0, 0, 0, 0, 0);
        assertThat(Arrays.copyOfRange(p.targetMask(), 2, 8)).containsOnly(false);
        assertThat(p.attends(5, 5)).isFalse();
        assertThat(p.length()).isEqualTo(3);
        assertThat(packer.stats().paddingTokens()).isEqualTo(5);
        assertThat(packer.stats().fill()).isEqualTo(3 / 8.0);
    }

    @Test
    void samplesWithNothingToLearnAreDroppedAndCounted() {
        SequencePacker packer = new SequencePacker(8, false, 0);
        TokenizedSample none = new TokenizedSample(new int[] {1, 2, 3}, new boolean[3], List.of(), new Origin("s", "f", "x"));
        assertThat(packer.add(none)).isNull();
        assertThat(packer.hasOpenPack()).isFalse();
        assertThat(packer.stats().droppedUntrained()).isEqualTo(1);
    }

    @Test
    void imagesFollowTheirSamplesInOrder() {
        ImageRef a = ImageRef.ofFile("a.png", Path.of("a.png"), 0, 0);
        ImageRef b = ImageRef.ofFile("b.png", Path.of("b.png"), 0, 0);
        TokenizedSample s1 = new TokenizedSample(new int[] {1, 50}, new boolean[] {false, true}, List.of(a), new Origin("s", "f", "1"));
        TokenizedSample s2 = new TokenizedSample(new int[] {50, 2}, new boolean[] {false, true}, List.of(b), new Origin("s", "f", "2"));
        Pack p = packAll(new SequencePacker(8, false, 0), s1, s2).get(0);
        assertThat(p.images()).containsExactly(a, b);
        assertThat(p.origins()).extracting(Origin::location).containsExactly("1", "2");
    }
}
