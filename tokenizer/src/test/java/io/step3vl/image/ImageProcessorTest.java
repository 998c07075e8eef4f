package io.step3vl.image;

import io.step3vl.common.UserError;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageProcessorTest {
    /** The toy tokenizer's marker ids (Contracts §3). */
    private static final Map<String, Integer> TOY_VOCAB = Map.of("<im_patch>", 501, "<im_start>", 502,
            "<im_end>", 503, "<patch_start>", 504, "<patch_end>", 505, "<patch_newline>", 506);
    private static final ImageTokenIds IDS = new ImageTokenIds(1, 2, 3, 4, 5, 6);

    private static RgbImage random(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        return new RgbImage(w, h, px);
    }

    @Test
    void tinyPresetRunsTheSameChainWithItsOwnSizes() {
        ModelConfig tiny = Presets.get(Presets.TINY);
        ImageProcessor processor = ImageProcessor.forModel(tiny, TOY_VOCAB::get, "toy/tokenizer.json");
        assertThat(processor.geometry()).isEqualTo(new ImageGeometry(224, 168, 3024, WindowBoundary.INCLUSIVE));
        assertThat(processor.layout()).isEqualTo(new ImageTokenLayout(16, 9));

        ProcessedImage out = processor.process(random(500, 300, 1));
        assertThat(out.globalShape()).containsExactly(1, 3, 224, 224);
        assertThat(out.grid()).containsExactly(3, 2); // window 168, canvas 504x336
        assertThat(out.cropShape()).containsExactly(6, 3, 168, 168);
        assertThat(out.globalPixels()).hasSize(3 * 224 * 224);
        assertThat(out.cropPixels()).hasSize(6 * 3 * 168 * 168);
        assertThat(out.newlineMask()).containsExactly(0, 0, 1, 0, 0, 0);
        assertThat(out.numTokens()).isEqualTo(6 * 11 + 1 + 18);
        assertThat(out.tokenIds()[0]).isEqualTo(504);
        assertThat(out.tokenIds()[out.numTokens() - 1]).isEqualTo(503);
    }

    @Test
    void releasePresetMatchesTheReleaseConstants() {
        ModelConfig release = Presets.get(Presets.STEP3_VL_10B);
        assertThat(ImageGeometry.fromModelConfig(release)).isEqualTo(ImageGeometry.release());
        assertThat(ImageTokenLayout.fromModelConfig(release)).isEqualTo(ImageTokenLayout.release());
    }

    @Test
    void markerIdsMustAgreeWithTheConfigImageTokenId() {
        ModelConfig tiny = Presets.get(Presets.TINY);
        Map<String, Integer> shifted = Map.of("<im_patch>", 400, "<im_start>", 502, "<im_end>", 503,
                "<patch_start>", 504, "<patch_end>", 505, "<patch_newline>", 506);
        assertThatThrownBy(() -> ImageProcessor.forModel(tiny, shifted::get, "tok.json"))
                .isInstanceOf(UserError.class)
                .hasMessage("tok.json: the tokenizer's <im_patch> is id 400 but config.json image_token_id is 501");
    }

    @Test
    void cropsReachingPastTheCanvasAreBlackThere() {
        ImageProcessor processor = ImageProcessor.release(IDS);
        RgbImage image = new RgbImage(1000, 400, filled(1000, 400, (byte) 200));
        ProcessedImage out = processor.process(image);
        assertThat(out.plan().canvasHeight()).isEqualTo(400);
        assertThat(out.numCrops()).isEqualTo(2);
        PixelNormalization norm = PixelNormalization.clip();
        int s = 504;
        float[] crops = out.cropPixels();
        for (int k = 0; k < 2; k++) {
            for (int c = 0; c < 3; c++) {
                int plane = (k * 3 + c) * s * s;
                assertThat(crops[plane + 399 * s + 10]).isEqualTo(norm.value(c, 200));
                assertThat(crops[plane + 400 * s + 10]).isEqualTo(norm.value(c, 0));
                assertThat(crops[plane + 503 * s + 503]).isEqualTo(norm.value(c, 0));
            }
        }
    }

    @Test
    void tinyElongatedImagesArePaddedWithBlackBelow() {
        ImageProcessor processor = ImageProcessor.release(IDS);
        RgbImage strip = new RgbImage(200, 20, filled(200, 20, (byte) 255));
        ProcessedImage out = processor.process(strip);
        assertThat(out.plan().squarePadded()).isTrue();
        assertThat(out.numCrops()).isZero();
        assertThat(out.cropPixels()).isEmpty();
        assertThat(out.cropShape()).containsExactly(0, 3, 504, 504);
        PixelNormalization norm = PixelNormalization.clip();
        float[] global = out.globalPixels();
        // 200 -> 728 rows: the strip covers rows up to ~72, the rest is the black pad
        for (int c = 0; c < 3; c++) {
            assertThat(global[(c * 728) * 728 + 100]).isEqualTo(norm.value(c, 255));
            assertThat(global[(c * 728 + 727) * 728 + 100]).isEqualTo(norm.value(c, 0));
        }
        RgbImage base = ImageProcessor.baseImage(strip, out.plan());
        assertThat(base.height()).isEqualTo(200);
        assertThat(base.sample(5, 150, 0)).isZero();
    }

    @Test
    void tokenCountAndPlanNeedNoPixels() {
        ImageProcessor processor = ImageProcessor.release(IDS);
        assertThat(processor.tokenCount(1280, 720)).isEqualTo(670);
        assertThat(processor.plan(1920, 1080).numCrops()).isEqualTo(8);
        assertThatThrownBy(() -> ImageProcessor.cropCanvas(random(10, 10, 1), processor.plan(10, 10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchStacksGlobalViewsThenAllCropsInImageOrder() {
        ImageProcessor processor = new ImageProcessor(ImageGeometry.fromVisionConfig(224, 14, 9),
                new ImageTokenLayout(16, 9), IDS, PixelNormalization.clip());
        ProcessedImage a = processor.process(random(500, 300, 3));   // 3x2 crops
        ProcessedImage b = processor.process(random(100, 100, 4));   // global only
        ProcessedImage c = processor.process(random(400, 200, 5));   // crops
        ImageBatch batch = ImageBatch.of(java.util.List.of(a, b, c));
        assertThat(batch.numPatches()).containsExactly(a.numCrops(), 0, c.numCrops());
        assertThat(batch.globalShape()).containsExactly(3, 3, 224, 224);
        assertThat(batch.cropShape()).containsExactly(a.numCrops() + c.numCrops(), 3, 168, 168);
        int g = 3 * 224 * 224;
        int s = 3 * 168 * 168;
        // isEqualTo, not containsExactly: AssertJ's containsExactly diffs in quadratic time on big arrays
        assertThat(java.util.Arrays.copyOfRange(batch.globalPixels(), g, 2 * g)).isEqualTo(b.globalPixels());
        assertThat(java.util.Arrays.copyOfRange(batch.cropPixels(), a.numCrops() * s, batch.cropPixels().length))
                .isEqualTo(c.cropPixels());
        long[] mask = batch.newlineMask();
        assertThat(java.util.Arrays.copyOfRange(mask, 0, a.numCrops())).containsExactly(a.newlineMask());
        assertThat(java.util.Arrays.copyOfRange(mask, a.numCrops(), mask.length)).containsExactly(c.newlineMask());
        assertThatThrownBy(() -> ImageBatch.of(java.util.List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] filled(int w, int h, byte value) {
        byte[] px = new byte[w * h * 3];
        java.util.Arrays.fill(px, value);
        return px;
    }
}
