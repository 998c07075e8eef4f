package io.step3vl.train.data.pack;

import io.step3vl.train.data.ImageRef;
import io.step3vl.train.data.Origin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several samples laid end to end in one training sequence. Attention stays inside each sample
 * (block-diagonal causal: see {@link #attends}), positions restart at 0 per sample, and targets are
 * already shifted and never cross a sample boundary — the layout {@code TokenLoss} expects:
 * {@code targets[t]} is the token position {@code t} predicts and {@code targetMask[t]} whether it
 * counts. Padding (when packs are padded to full length) has segment id -1, position 0 and no loss.
 */
public final class Pack {
    private final int[] inputIds;      // (seq)
    private final int[] targets;       // (seq) next token within the segment, else the pad id
    private final boolean[] targetMask; // (seq)
    private final int[] positionIds;   // (seq) restarts at 0 per segment
    private final int[] segmentIds;    // (seq) 0..segments-1, -1 for padding
    private final int[] segmentStarts; // (segments + 1) cumulative offsets, like cu_seqlens
    private final List<ImageRef> images;
    private final List<Origin> origins;

    Pack(List<TokenizedSample> segments, int padTo, int padId) {
        int length = 0;
        for (TokenizedSample s : segments) {
            length += s.length();
        }
        int total = Math.max(length, padTo);
        inputIds = new int[total];
        targets = new int[total];
        targetMask = new boolean[total];
        positionIds = new int[total];
        segmentIds = new int[total];
        segmentStarts = new int[segments.size() + 1];
        Arrays.fill(targets, padId);
        Arrays.fill(segmentIds, -1);
        List<ImageRef> imgs = new ArrayList<>();
        List<Origin> orgs = new ArrayList<>();
        int offset = 0;
        for (int s = 0; s < segments.size(); s++) {
            TokenizedSample seg = segments.get(s);
            segmentStarts[s] = offset;
            int[] tok = seg.tokens();
            boolean[] trained = seg.trained();
            for (int i = 0; i < tok.length; i++) {
                inputIds[offset + i] = tok[i];
                positionIds[offset + i] = i;
                segmentIds[offset + i] = s;
                if (i + 1 < tok.length) {
                    targets[offset + i] = tok[i + 1];
                    targetMask[offset + i] = trained[i + 1];
                }
            }
            offset += tok.length;
            imgs.addAll(seg.images());
            orgs.add(seg.origin());
        }
        segmentStarts[segments.size()] = offset;
        for (int i = offset; i < total; i++) {
            inputIds[i] = padId;
        }
        images = List.copyOf(imgs);
        origins = java.util.Collections.unmodifiableList(orgs);
    }

    public int[] inputIds() {
        return inputIds;
    }

    public int[] targets() {
        return targets;
    }

    public boolean[] targetMask() {
        return targetMask;
    }

    public int[] positionIds() {
        return positionIds;
    }

    public int[] segmentIds() {
        return segmentIds;
    }

    public int[] segmentStarts() {
        return segmentStarts;
    }

    /** The images of all segments, in token order (to fill the image placeholders). */
    public List<ImageRef> images() {
        return images;
    }

    public List<Origin> origins() {
        return origins;
    }

    public int segmentCount() {
        return segmentStarts.length - 1;
    }

    /** Real tokens, without padding. */
    public int length() {
        return segmentStarts[segmentStarts.length - 1];
    }

    public int trainedTokens() {
        return LossMasks.count(targetMask);
    }

    /** Whether position {@code query} may attend to {@code key}: same sample, not in the future. */
    public boolean attends(int query, int key) {
        return key <= query && segmentIds[query] >= 0 && segmentIds[query] == segmentIds[key];
    }

    /** The additive attention mask (seq x seq, row-major): 0 where {@link #attends}, -inf elsewhere. */
    public float[] additiveMask() {
        int n = inputIds.length;
        float[] mask = new float[n * n]; // (seq, seq)
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < n; k++) {
                mask[q * n + k] = attends(q, k) || (segmentIds[q] < 0 && q == k) ? 0f : Float.NEGATIVE_INFINITY;
            }
        }
        return mask;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pack p && Arrays.equals(inputIds, p.inputIds) && Arrays.equals(targets, p.targets)
                && Arrays.equals(targetMask, p.targetMask) && Arrays.equals(positionIds, p.positionIds)
                && Arrays.equals(segmentIds, p.segmentIds) && images.equals(p.images) && origins.equals(p.origins);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(inputIds) * 31 + origins.hashCode();
    }

    @Override
    public String toString() {
        return "Pack[" + segmentCount() + " samples, " + length() + "/" + inputIds.length + " tokens, "
                + trainedTokens() + " trained]";
    }
}
