package io.step3vl.image;

import io.step3vl.safetensors.SafetensorsFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five golden g_preprocess cases (copied from shared/golden/g_preprocess) through the whole chain from
 * the image file: decode exact, layout integers exact, uint8 intermediates exact, float views within the
 * README's tolerances (crops that need no resize bit for bit).
 */
class GoldenPreprocessTest {
    /** README: resize coordinates in float32 like the release → atol 1e-5 on resized views. */
    private static final double RESIZED_ATOL = 1e-5;
    /** Marker ids are irrelevant to pixels; any distinct ids do. */
    private static final ImageTokenIds IDS = new ImageTokenIds(10, 11, 12, 13, 14, 15);

    private static final ImageProcessor PROCESSOR = ImageProcessor.release(IDS);

    private static Path caseDir(String name) {
        return TestImages.resource("golden/g_preprocess/" + name);
    }

    private static Path input(Path dir) {
        Path jpg = dir.resolve("image.jpg");
        return Files.exists(jpg) ? jpg : dir.resolve("image.png");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg_1280x720", "png_500x300", "png_rgba_3000x1000", "jpeg_4032x3024", "png_gray_640x480"})
    void decodesExactlyAsThePythonLoader(String name) {
        Path dir = caseDir(name);
        RgbImage decoded = ImageDecoder.withDefaults().decode(input(dir));
        // png_500x300's decoded_rgb.png is byte-identical to its image.png, so only the input was copied
        Path reference = Files.exists(dir.resolve("decoded_rgb.png")) ? dir.resolve("decoded_rgb.png") : input(dir);
        RgbImage expected = TestImages.readRgbPng(reference);
        assertThat(TestImages.mismatches(decoded, expected)).as("differing samples").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg_1280x720", "png_500x300", "png_rgba_3000x1000", "jpeg_4032x3024", "png_gray_640x480"})
    void layoutIntegersMatch(String name) {
        try (SafetensorsFile expected = SafetensorsFile.open(caseDir(name).resolve("expected.safetensors"))) {
            long[] original = expected.readLong("original_size");
            CropPlan plan = PROCESSOR.plan((int) original[0], (int) original[1]);
            assertThat(new long[] {plan.resizedWidth(), plan.resizedHeight()})
                    .containsExactly(expected.readLong("resized_size"));
            assertThat((long) plan.window()).isEqualTo(expected.readLong("window")[0]);
            assertThat(new long[] {plan.columns(), plan.rows()}).containsExactly(expected.readLong("grid"));
            assertThat((long) plan.numCrops()).isEqualTo(expected.readLong("num_crops")[0]);
            assertThat((long) PROCESSOR.layout().count(plan)).isEqualTo(expected.readLong("num_image_tokens")[0]);
            if (plan.hasCrops()) {
                assertThat(new long[] {plan.canvasWidth(), plan.canvasHeight()})
                        .containsExactly(expected.readLong("crop_canvas_size"));
                assertThat(plan.newlineMask()).containsExactly(expected.readLong("patch_newline_mask"));
                long[] boxes = expected.readLong("crop_boxes");
                for (int k = 0; k < plan.numCrops(); k++) {
                    CropBox b = plan.crops().get(k);
                    assertThat(new long[] {b.x(), b.y(), b.width(), b.height()})
                            .as("crop %d", k).containsExactly(boxes[4 * k], boxes[4 * k + 1], boxes[4 * k + 2], boxes[4 * k + 3]);
                }
            } else {
                assertThat(expected.names()).doesNotContain("crops_sampled", "crop_boxes");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg_1280x720", "png_500x300", "png_rgba_3000x1000", "jpeg_4032x3024"})
    void uint8IntermediatesMatchExactly(String name) {
        Path dir = caseDir(name);
        RgbImage decoded = ImageDecoder.withDefaults().decode(input(dir));
        CropPlan plan = PROCESSOR.plan(decoded.width(), decoded.height());
        RgbImage base = ImageProcessor.baseImage(decoded, plan);
        if (Files.exists(dir.resolve("capped_rgb.png"))) {
            assertThat(plan.capped()).isTrue();
            assertThat(TestImages.mismatches(base, TestImages.readRgbPng(dir.resolve("capped_rgb.png"))))
                    .as("capped image samples off").isZero();
        } else {
            assertThat(base).isSameAs(decoded);
        }
        RgbImage canvas = ImageProcessor.cropCanvas(base, plan);
        assertThat(TestImages.mismatches(canvas, TestImages.readRgbPng(dir.resolve("crop_canvas_rgb.png"))))
                .as("canvas samples off").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg_1280x720", "png_500x300", "png_rgba_3000x1000", "jpeg_4032x3024", "png_gray_640x480"})
    void floatViewsMatch(String name) {
        Path dir = caseDir(name);
        ProcessedImage out = PROCESSOR.process(ImageDecoder.withDefaults().decode(input(dir)));
        try (SafetensorsFile expected = SafetensorsFile.open(dir.resolve("expected.safetensors"))) {
            int g = 728;
            float[] global = out.globalPixels();
            assertThat(out.globalShape()).containsExactly(1, 3, g, g);
            long[] gi = expected.readLong("global_index");
            float[] sampled = expected.readFloat("global_sampled");
            int n = gi.length;
            double worst = 0;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        float actual = global[(c * g + (int) gi[i]) * g + (int) gi[j]];
                        worst = Math.max(worst, Math.abs(actual - sampled[(c * n + i) * n + j]));
                    }
                }
            }
            int[] border = {0, 1, 726, 727};
            float[] rows = expected.readFloat("global_border_rows"); // (3, 4, 728)
            float[] cols = expected.readFloat("global_border_cols"); // (3, 728, 4)
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 4; k++) {
                    for (int t = 0; t < g; t++) {
                        worst = Math.max(worst, Math.abs(global[(c * g + border[k]) * g + t] - rows[(c * 4 + k) * g + t]));
                        worst = Math.max(worst, Math.abs(global[(c * g + t) * g + border[k]] - cols[(c * g + t) * 4 + k]));
                    }
                }
            }
            assertThat(worst).as("global view max |diff|").isLessThanOrEqualTo(RESIZED_ATOL);
            assertStats(global, 0, g, doubles(expected, "global_stats"), 0, "global");

            if (!out.plan().hasCrops()) {
                assertThat(out.cropPixels()).isEmpty();
                return;
            }
            int s = 504;
            int crops = out.numCrops();
            assertThat(out.cropShape()).containsExactly(crops, 3, s, s);
            boolean resized = out.plan().window() != s;
            long[] ci = expected.readLong("crop_index");
            float[] cs = expected.readFloat("crops_sampled");
            double[] stats = doubles(expected, "crop_stats");
            int m = ci.length;
            float[] pixels = out.cropPixels();
            double cropWorst = 0;
            for (int k = 0; k < crops; k++) {
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < m; j++) {
                            float actual = pixels[((k * 3 + c) * s + (int) ci[i]) * s + (int) ci[j]];
                            float want = cs[((k * 3 + c) * m + i) * m + j];
                            if (!resized) {
                                assertThat(Float.floatToIntBits(actual)).as("crop %d c %d (%d, %d) bit-exact", k, c, ci[i], ci[j])
                                        .isEqualTo(Float.floatToIntBits(want));
                            }
                            cropWorst = Math.max(cropWorst, Math.abs(actual - want));
                        }
                    }
                }
                assertStats(pixels, k * 3 * s * s, s, stats, k * 12, "crop " + k);
            }
            assertThat(cropWorst).as("crops max |diff|").isLessThanOrEqualTo(RESIZED_ATOL);
        }
    }

    /** README: mean, min, max within atol; sum of squares / plane size within 5x atol. */
    private static void assertStats(float[] view, int offset, int side, double[] stats, int statOffset, String what) {
        int plane = side * side;
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double squares = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < plane; i++) {
                double v = view[offset + c * plane + i];
                sum += v;
                squares += v * v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            int at = statOffset + c * 4;
            assertThat(sum / plane).as("%s c%d mean", what, c).isCloseTo(stats[at] / plane, within(RESIZED_ATOL));
            assertThat(squares / plane).as("%s c%d mean square", what, c)
                    .isCloseTo(stats[at + 1] / plane, within(5 * RESIZED_ATOL));
            assertThat(min).as("%s c%d min", what, c).isCloseTo(stats[at + 2], within(RESIZED_ATOL));
            assertThat(max).as("%s c%d max", what, c).isCloseTo(stats[at + 3], within(RESIZED_ATOL));
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double atol) {
        return org.assertj.core.data.Offset.offset(atol);
    }

    private static double[] doubles(SafetensorsFile file, String name) {
        ByteBuffer bytes = file.bytes(name);
        double[] out = new double[bytes.remaining() / 8];
        bytes.asDoubleBuffer().get(out);
        return out;
    }
}
