package io.step3vl.image;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-checked values and invariants of the two resamplers and the normalisation table. */
class ResamplerTest {
    private static RgbImage row(int... values) {
        byte[] px = new byte[values.length * 3];
        for (int i = 0; i < values.length; i++) {
            px[3 * i] = (byte) values[i];
            px[3 * i + 1] = (byte) values[i];
            px[3 * i + 2] = (byte) values[i];
        }
        return new RgbImage(values.length, 1, px);
    }

    private static int[] reds(RgbImage image) {
        int[] out = new int[image.width() * image.height()];
        for (int i = 0; i < out.length; i++) {
            out[i] = image.pixels()[3 * i] & 0xFF;
        }
        return out;
    }

    private static RgbImage random(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        return new RgbImage(w, h, px);
    }

    @Test
    void pilDownscaleWidensTheTriangleAndRoundsFixedPoint() {
        // 4 -> 2: support 2, taps (3/7, 3/7, 1/7) and (1/7, 3/7, 3/7)
        // out0 = (0*3 + 100*3 + 200)/7 = 71.4 -> 71; out1 = (100 + 200*3 + 255*3)/7 = 209.3 -> 209
        assertThat(reds(PilBilinear.resize(row(0, 100, 200, 255), 2, 1))).containsExactly(71, 209);
    }

    @Test
    void pilUpscaleInterpolatesBetweenNeighbours() {
        // 2 -> 4: centres 0.25, 0.75, 1.25, 1.75 -> v0, .75v0+.25v1, .25v0+.75v1, v1 ; 63.75 -> 64, 191.25 -> 191
        assertThat(reds(PilBilinear.resize(row(0, 255), 4, 1))).containsExactly(0, 64, 191, 255);
    }

    @Test
    void pilPreservesConstantsAndSkipsUnchangedSizes() {
        int[][] sizes = {{7, 3}, {3, 11}, {1000, 3}, {5, 5}, {3024, 2268}};
        for (int[] s : sizes) {
            for (int value : new int[] {0, 37, 255}) {
                byte[] px = new byte[s[0] * 2 * 3];
                java.util.Arrays.fill(px, (byte) value);
                RgbImage out = PilBilinear.resize(new RgbImage(s[0], 2, px), s[1], 3);
                assertThat(reds(out)).as("%d -> %d of %d", s[0], s[1], value).containsOnly(value);
            }
        }
        RgbImage image = random(9, 4, 1);
        assertThat(PilBilinear.resize(image, 9, 4)).isSameAs(image);
    }

    @Test
    void pilTapsAreNormalisedTo22BitFixedPoint() {
        for (int[] s : new int[][] {{4032, 3024}, {1280, 1512}, {300, 600}, {10, 3}}) {
            PilBilinear.Taps taps = PilBilinear.taps(s[0], s[1]);
            for (int i = 0; i < s[1]; i++) {
                long sum = 0;
                for (int j = 0; j < taps.count()[i]; j++) {
                    sum += taps.weights()[i * taps.stride() + j];
                }
                assertThat(taps.count()[i]).isBetween(1, taps.stride());
                assertThat(taps.start()[i] + taps.count()[i]).isLessThanOrEqualTo(s[0]);
                assertThat(sum).isCloseTo(1L << 22, within((long) taps.count()[i]));
            }
        }
    }

    @Test
    void floatUpscaleAndDownscaleGiveTheTriangleFilterValues() {
        float[] up = AntialiasedBilinear.resize(new float[] {0f, 1f}, 1, 1, 2, 1, 4);
        assertThat(up).containsExactly(0f, 0.25f, 0.75f, 1f);
        float[] down = AntialiasedBilinear.resize(new float[] {0f, 1f, 2f, 3f}, 1, 1, 4, 1, 2);
        assertThat(down[0]).isCloseTo(5f / 7f, within(1e-6f));
        assertThat(down[1]).isCloseTo(16f / 7f, within(1e-6f));
        // the same along the height axis
        float[] column = AntialiasedBilinear.resize(new float[] {0f, 1f, 2f, 3f}, 1, 4, 1, 2, 1);
        assertThat(column).containsExactly(down);
    }

    @Test
    void floatResizeKeepsConstantsWithinRounding() {
        float[] plane = new float[37 * 23];
        java.util.Arrays.fill(plane, -1.25f);
        for (int[] out : new int[][] {{728, 728}, {5, 9}, {23, 100}}) {
            for (float v : AntialiasedBilinear.resize(plane, 1, 23, 37, out[0], out[1])) {
                assertThat(v).isCloseTo(-1.25f, within(1e-6f));
            }
        }
    }

    @Test
    void fusedNormaliseAndResizeEqualsNormaliseThenResizeBitForBit() {
        PixelNormalization norm = PixelNormalization.clip();
        RgbImage image = random(61, 47, 2);
        float[] planes = new float[3 * 61 * 47];
        norm.toPlanes(image, planes, 0);
        int[][] targets = {{33, 80}, {61, 80}, {33, 47}, {61, 47}};
        for (int[] t : targets) {
            float[] fused = new float[3 * t[0] * t[1] + 5];
            AntialiasedBilinear.normalizeAndResize(image, norm, t[0], t[1], fused, 5);
            float[] separate = AntialiasedBilinear.resize(planes, 3, 47, 61, t[1], t[0]);
            float[] fusedView = java.util.Arrays.copyOfRange(fused, 5, fused.length);
            assertThat(fusedView).as("%dx%d", t[0], t[1]).isEqualTo(separate);
        }
    }

    @Test
    void normalisingABoxEqualsNormalisingTheCroppedImage() {
        PixelNormalization norm = PixelNormalization.clip();
        RgbImage image = random(30, 20, 3);
        CropBox[] boxes = {new CropBox(0, 0, 30, 20), new CropBox(5, 3, 10, 10), new CropBox(20, 15, 16, 16),
                new CropBox(-4, -2, 8, 8), new CropBox(40, 0, 5, 5)};
        for (CropBox box : boxes) {
            int size = 3 * box.width() * box.height();
            float[] direct = new float[size + 2];
            norm.toPlanes(image, box, direct, 2);
            float[] viaCrop = new float[size];
            norm.toPlanes(image.crop(box.x(), box.y(), box.width(), box.height()), viaCrop, 0);
            assertThat(java.util.Arrays.copyOfRange(direct, 2, direct.length)).as("%s", box).isEqualTo(viaCrop);
        }
    }

    @Test
    void normalisationIsToTensorThenClipNormalizeInFloat32() {
        PixelNormalization norm = PixelNormalization.clip();
        assertThat(norm.value(0, 0)).isCloseTo(-0.48145466f / 0.26862954f, within(1e-6f));
        assertThat(norm.value(2, 255)).isCloseTo((1f - 0.40821073f) / 0.27577711f, within(1e-6f));
        for (int c = 0; c < 3; c++) {
            for (int u = 0; u < 256; u++) {
                float expected = ((float) u / 255f - PixelNormalization.CLIP_MEAN[c]) / PixelNormalization.CLIP_STD[c];
                assertThat(Float.floatToIntBits(norm.value(c, u))).isEqualTo(Float.floatToIntBits(expected));
            }
        }
    }
}
