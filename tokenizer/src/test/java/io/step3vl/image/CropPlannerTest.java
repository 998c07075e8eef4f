package io.step3vl.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.step3vl.common.UserError;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The multi-crop bookkeeping against shared/golden/crop_plans/crop_plans.json (copied to test resources). */
class CropPlannerTest {
    private static final CropPlanner RELEASE = new CropPlanner(ImageGeometry.release());
    private static final ImageTokenLayout LAYOUT = ImageTokenLayout.release();

    private static JsonNode plans() throws IOException {
        return new ObjectMapper().readTree(TestImages.resource("golden/crop_plans.json").toFile());
    }

    @Test
    void allTwentyThreeReleasePlansMatch() throws IOException {
        JsonNode le = plans().get("boundary_le");
        assertThat(le).hasSize(23);
        for (JsonNode expected : le) {
            assertPlan(RELEASE, expected);
        }
    }

    @Test
    void exclusiveBoundaryPlansMatchWhereTheyDiffer() throws IOException {
        CropPlanner lt = new CropPlanner(ImageGeometry.release().withBoundary(WindowBoundary.EXCLUSIVE));
        JsonNode differs = plans().get("boundary_lt_differs");
        assertThat(differs).isNotEmpty();
        for (JsonNode expected : differs) {
            assertPlan(lt, expected);
        }
        // everywhere else the two variants agree
        List<String> sizesThatDiffer = new ArrayList<>();
        differs.forEach(p -> sizesThatDiffer.add(p.get("input_size").toString()));
        for (JsonNode expected : plans().get("boundary_le")) {
            if (!sizesThatDiffer.contains(expected.get("input_size").toString())) {
                assertPlan(lt, expected);
            }
        }
    }

    private static void assertPlan(CropPlanner planner, JsonNode expected) {
        int w = expected.get("input_size").get(0).asInt();
        int h = expected.get("input_size").get(1).asInt();
        CropPlan plan = planner.plan(w, h);
        String size = w + "x" + h;
        assertThat(plan.squarePadded()).as(size + " square_padded").isEqualTo(expected.get("square_padded").asBoolean());
        assertThat(List.of(plan.resizedWidth(), plan.resizedHeight())).as(size + " resized_size")
                .isEqualTo(ints(expected.get("resized_size")));
        assertThat(plan.window()).as(size + " window").isEqualTo(expected.get("window").asInt());
        if (expected.get("crop_canvas").isNull()) {
            assertThat(plan.hasCrops()).as(size + " has crops").isFalse();
        } else {
            assertThat(List.of(plan.canvasWidth(), plan.canvasHeight())).as(size + " crop_canvas")
                    .isEqualTo(ints(expected.get("crop_canvas")));
        }
        assertThat(List.of(plan.columns(), plan.rows())).as(size + " grid").isEqualTo(ints(expected.get("grid")));
        List<List<Integer>> boxes = new ArrayList<>();
        for (CropBox b : plan.crops()) {
            boxes.add(List.of(b.x(), b.y(), b.width(), b.height()));
        }
        List<List<Integer>> expectedBoxes = new ArrayList<>();
        expected.get("crops").forEach(b -> expectedBoxes.add(ints(b)));
        assertThat(boxes).as(size + " crops").isEqualTo(expectedBoxes);
        List<Boolean> newline = new ArrayList<>();
        expected.get("newline_after").forEach(b -> newline.add(b.asBoolean()));
        assertThat(plan.newlineAfter()).as(size + " newline_after").isEqualTo(newline);
        assertThat(LAYOUT.count(plan)).as(size + " num_tokens").isEqualTo(expected.get("num_tokens").asInt());
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    @Test
    void hd720GivesSixCropsAnd670Tokens() {
        CropPlan plan = RELEASE.plan(1280, 720);
        assertThat(plan.numCrops()).isEqualTo(6);
        assertThat(plan.columns()).isEqualTo(3);
        assertThat(plan.rows()).isEqualTo(2);
        assertThat(plan.newlineAfter()).containsExactly(false, false, true, false, false, false);
        assertThat(LAYOUT.count(plan)).isEqualTo(670);
    }

    @Test
    void boundaryVariantsDifferOnlyAtTheGlobalSide() {
        CropPlanner lt = new CropPlanner(ImageGeometry.release().withBoundary(WindowBoundary.EXCLUSIVE));
        assertThat(RELEASE.plan(728, 728).numCrops()).isZero();
        assertThat(lt.plan(728, 728).numCrops()).isEqualTo(4);
        assertThat(lt.plan(727, 727).numCrops()).isZero();
        assertThat(lt.plan(729, 729)).isEqualTo(RELEASE.plan(729, 729));
    }

    @Test
    void tinyElongatedImagesAreSquaredBeforeAnythingElse() {
        CropPlan wide = RELEASE.plan(200, 31);
        assertThat(wide.squarePadded()).isTrue();
        assertThat(List.of(wide.paddedWidth(), wide.paddedHeight())).containsExactly(200, 200);
        // 32 pixels is not "tiny": aspect alone does not pad
        assertThat(RELEASE.plan(200, 32).squarePadded()).isFalse();
        // small side tiny but aspect exactly 4: no pad
        assertThat(RELEASE.plan(124, 31).squarePadded()).isFalse();
        CropPlan hugeStrip = RELEASE.plan(100_000, 20);
        assertThat(hugeStrip.squarePadded()).isTrue();
        assertThat(List.of(hugeStrip.resizedWidth(), hugeStrip.resizedHeight())).containsExactly(3024, 3024);
    }

    @Test
    void capTruncatesLikePythonInt() {
        // 4032x3025: s = 3024/4032 = 0.75 -> 3024 x int(2268.75) = 2268
        CropPlan plan = RELEASE.plan(4032, 3025);
        assertThat(List.of(plan.resizedWidth(), plan.resizedHeight())).containsExactly(3024, 2268);
        assertThat(plan.capped()).isTrue();
        assertThat(RELEASE.plan(3024, 3024).capped()).isFalse();
    }

    @Test
    void canvasSnapsToWholeWindowsKeepingLeftoversAboveOneFifth() {
        assertThat(CropPlanner.canvasSide(1100, 504)).isEqualTo(1008);  // 2.18: leftover 0.18 dropped
        assertThat(CropPlanner.canvasSide(1109, 504)).isEqualTo(1512);  // 2.2004: leftover kept
        assertThat(CropPlanner.canvasSide(400, 504)).isEqualTo(400);    // smaller than one window
        assertThat(CropPlanner.windowStarts(1512, 504)).containsExactly(0, 504, 1008);
        assertThat(CropPlanner.windowStarts(400, 504)).containsExactly(0);
        // an unsnapped side: the last window is pulled back inside
        assertThat(CropPlanner.windowStarts(1100, 504)).containsExactly(0, 504, 596);
    }

    @Test
    void tinyGeometryComesFromTheVisionConfig() {
        ImageGeometry tiny = ImageGeometry.fromVisionConfig(224, 14, 9);
        assertThat(tiny.globalSide()).isEqualTo(224);
        assertThat(tiny.cropSide()).isEqualTo(168);
        assertThat(ImageGeometry.fromVisionConfig(728, 14, 81)).isEqualTo(ImageGeometry.release());
        assertThatThrownBy(() -> ImageGeometry.fromVisionConfig(224, 14, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patch_token_len");
        CropPlan plan = new CropPlanner(tiny).plan(500, 300);
        assertThat(plan.window()).isEqualTo(168);
        assertThat(List.of(plan.canvasWidth(), plan.canvasHeight())).containsExactly(504, 336);
    }

    @Test
    void summaryDescribesThePlan() {
        assertThat(RELEASE.plan(1280, 720).summary())
                .isEqualTo("1280x720: window 504, canvas 1512x1008, grid 3x2 = 6 crops, 1 newline");
        assertThat(RELEASE.plan(640, 480).summary()).isEqualTo("640x480: global view only");
        assertThat(RELEASE.plan(200, 20).summary()).isEqualTo("200x20: padded to 200x200, global view only");
        assertThat(RELEASE.plan(4032, 3024).summary())
                .isEqualTo("4032x3024: resized to 3024x2268, window 504, canvas 3024x2520, grid 6x5 = 30 crops, 4 newlines");
    }

    @Test
    void degenerateSizesAreUserErrors() {
        assertThatThrownBy(() -> RELEASE.plan(0, 10)).isInstanceOf(UserError.class).hasMessageContaining("0x10");
        // 200000x40: no square pad (short side >= 32), and the cap would make the height int(0.6048) = 0
        assertThatThrownBy(() -> RELEASE.plan(200_000, 40)).isInstanceOf(UserError.class)
                .hasMessageContaining("too elongated");
    }
}
