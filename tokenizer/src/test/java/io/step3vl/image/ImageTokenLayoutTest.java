package io.step3vl.image;

import io.step3vl.common.UserError;
import io.step3vl.safetensors.SafetensorsFile;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageTokenLayoutTest {
    /** Case c's tiny vocabulary (its README): {@code <im_patch>} 300 ... {@code <patch_newline>} 305. */
    private static final Map<String, Integer> C_CASE_VOCAB = Map.of(
            "<im_patch>", 300, "<im_start>", 301, "<im_end>", 302,
            "<patch_start>", 303, "<patch_end>", 304, "<patch_newline>", 305);

    /**
     * The golden c_multimodal input_ids are the release layout of a 1100x1100 image (real 728/504 geometry:
     * 2x2 crops) with the tiny model's token counts (16 global, 9 per crop). Rendering the same chat with one
     * placeholder and expanding it must give them exactly.
     */
    @Test
    void reproducesTheMultimodalGoldenInputIds() {
        ImageTokenIds ids = ImageTokenIds.fromMap(C_CASE_VOCAB, "case c");
        ImageTokenLayout tiny = new ImageTokenLayout(16, 9);
        CropPlan plan = new CropPlanner(ImageGeometry.release()).plan(1100, 1100);
        // <|im_start|> user \n <im_patch> question <|im_end|> \n <|im_start|> assistant \n <think> \n
        int[] prompt = {306, 126, 92, 10, 300, 126, 182, 56, 150, 125, 307, 10, 306, 65, 10, 308, 10};

        int[] expanded = tiny.expandPrompt(prompt, List.of(plan), ids);

        try (SafetensorsFile golden = SafetensorsFile.open(TestImages.resource("golden/c_multimodal/layout.safetensors"))) {
            long[] inputIds = golden.readLong("input_ids");
            assertThat(Arrays.stream(expanded).asLongStream().toArray()).containsExactly(inputIds);
            assertThat(tiny.expandPrompt(Arrays.stream(prompt).asLongStream().toArray(), List.of(plan), ids))
                    .containsExactly(inputIds);
            assertThat(plan.newlineMask()).containsExactly(golden.readLong("patch_newline_mask"));
            assertThat((long) plan.numCrops()).isEqualTo(golden.readLong("num_patches")[0]);
            assertThat(golden.readLong("special_token_ids")).containsExactly(
                    ids.imageStart(), ids.imageEnd(), ids.patchStart(), ids.patchEnd(), ids.patchNewline());
            // the feature rows the model writes: 4 crops x 9 + 16 global = 52 (expected image_features_merged)
            assertThat(tiny.featureRows(plan)).isEqualTo(52);
            assertThat(Arrays.stream(expanded).filter(t -> t == 300).count()).isEqualTo(52);
        }
    }

    @Test
    void expansionIsCropsRowMajorThenGlobal() {
        ImageTokenIds ids = new ImageTokenIds(1, 2, 3, 4, 5, 6);
        ImageTokenLayout layout = new ImageTokenLayout(3, 2);
        CropPlan plan = new CropPlanner(ImageGeometry.release()).plan(1280, 720); // 3 x 2 crops
        int[] tokens = layout.expand(plan, ids);
        int[] crop = {4, 1, 1, 5};
        int[] expected = concat(crop, crop, crop, new int[] {6}, crop, crop, crop, new int[] {2, 1, 1, 1, 3});
        assertThat(tokens).containsExactly(expected);
        assertThat(layout.count(plan)).isEqualTo(tokens.length);
    }

    @Test
    void imageWithoutCropsIsOnlyTheGlobalView() {
        ImageTokenIds ids = new ImageTokenIds(1, 2, 3, 4, 5, 6);
        CropPlan plan = new CropPlanner(ImageGeometry.release()).plan(640, 480);
        int[] tokens = ImageTokenLayout.release().expand(plan, ids);
        assertThat(tokens).hasSize(171);
        assertThat(tokens[0]).isEqualTo(2);
        assertThat(tokens[170]).isEqualTo(3);
    }

    @Test
    void severalImagesExpandInOrder() {
        ImageTokenIds ids = new ImageTokenIds(1, 2, 3, 4, 5, 6);
        ImageTokenLayout layout = new ImageTokenLayout(2, 1);
        CropPlanner planner = new CropPlanner(ImageGeometry.release());
        CropPlan small = planner.plan(100, 100);   // global only
        CropPlan wide = planner.plan(1000, 600);   // 2 crops
        int[] out = layout.expandPrompt(new int[] {9, 1, 8, 1, 7}, List.of(small, wide), ids);
        assertThat(out).containsExactly(9, 2, 1, 1, 3, 8, 4, 1, 5, 4, 1, 5, 2, 1, 1, 3, 7);
    }

    @Test
    void placeholderCountMustMatchTheImages() {
        ImageTokenIds ids = new ImageTokenIds(1, 2, 3, 4, 5, 6);
        CropPlan plan = new CropPlanner(ImageGeometry.release()).plan(100, 100);
        ImageTokenLayout layout = ImageTokenLayout.release();
        assertThatThrownBy(() -> layout.expandPrompt(new int[] {1, 1}, List.of(plan), ids))
                .isInstanceOf(UserError.class).hasMessageContaining("2 image placeholder(s)").hasMessageContaining("1 image(s)");
        assertThatThrownBy(() -> layout.expandPrompt(new int[] {7}, List.of(plan), ids))
                .isInstanceOf(UserError.class).hasMessageContaining("0 image placeholder(s)");
    }

    @Test
    void markerIdsAreLookedUpByContent() {
        Map<String, Integer> vocab = new HashMap<>(C_CASE_VOCAB);
        ImageTokenIds ids = ImageTokenIds.fromMap(vocab, "tok.json");
        assertThat(ids.asMap()).isEqualTo(vocab);
        vocab.remove("<patch_newline>");
        vocab.remove("<im_end>");
        assertThatThrownBy(() -> ImageTokenIds.fromMap(vocab, "tok.json"))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("tok.json: ")
                .hasMessageContaining("<im_end>, <patch_newline>");
        vocab.put("<im_end>", 300);
        vocab.put("<patch_newline>", 305);
        assertThatThrownBy(() -> ImageTokenIds.fromMap(vocab, "tok.json"))
                .isInstanceOf(UserError.class).hasMessageContaining("share the id 300");
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }
}
