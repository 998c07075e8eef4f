package io.step3vl.eval.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeometryScorersTest {
    private final BoxIouScorer iou = new BoxIouScorer(null, CoordinateFormat.AUTO);
    private final BoxIouScorer iou50 = new BoxIouScorer(0.5, CoordinateFormat.AUTO);
    private final Reference box = Reference.of("[100, 100, 300, 300]", AnswerType.BOX);

    @Test
    void iouOfKnownBoxes() {
        Geometry.Box a = new Geometry.Box(0, 0, 2, 2);
        assertThat(a.iou(new Geometry.Box(1, 1, 3, 3))).isCloseTo(1.0 / 7, within(1e-12));
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(new Geometry.Box(5, 5, 6, 6))).isZero();
        // touching edges share no area
        assertThat(a.iou(new Geometry.Box(2, 0, 4, 2))).isZero();
        Geometry.Box point = new Geometry.Box(1, 1, 1, 1);
        assertThat(point.iou(point)).isEqualTo(1.0);
    }

    @Test
    void continuousAndThresholdedIou() {
        // shifted by 50 of 200: intersection 150x150, union 2*200^2 - 150^2
        String reply = "<think>The square is near the top left.</think>The object is at [150, 150, 350, 350].";
        double expected = 150.0 * 150 / (2 * 200.0 * 200 - 150.0 * 150);
        assertThat(iou.scoreReply(reply, false, box).value()).isCloseTo(expected, within(1e-9));
        assertThat(iou50.scoreReply(reply, false, box).value()).isZero(); // 0.39 < 0.5
        assertThat(iou50.score("[110, 110, 310, 310]", box).value()).isEqualTo(1.0);
        assertThat(iou50.name()).isEqualTo("iou@0.5");
        assertThat(iou.binary()).isFalse();
        assertThat(iou50.binary()).isTrue();
    }

    @Test
    void acceptsTheCommonBoxSpellings() {
        for (String reply : List.of("(100,100),(300,300)", "<box>100 100 300 300</box>", "[100 100 300 300]",
                "Answer: (100, 100, 300, 300)", "[0.1, 0.1, 0.3, 0.3]", "[300, 300, 100, 100]")) {
            assertThat(iou.score(reply, box).value()).as(reply).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void pixelBoxesNeedTheImageSize() {
        // 800x600 image: [80, 60, 240, 180] px = [0.1, 0.1, 0.3, 0.3]
        BoxIouScorer pixels = new BoxIouScorer(0.5, CoordinateFormat.PIXEL);
        assertThat(pixels.score("[80, 60, 240, 180]", box.withImageSize(800, 600)).value()).isEqualTo(1.0);
        Score noSize = pixels.score("[80, 60, 240, 180]", box);
        assertThat(noSize.value()).isZero();
        assertThat(noSize.reason()).contains("image size");
        // auto: values above 1000 are pixels when the size is known
        Reference big = Reference.of("[100, 100, 300, 300]", AnswerType.BOX).withImageSize(4000, 3000);
        assertThat(iou.score("[400, 300, 1200, 900]", big).value()).isCloseTo(1.0, within(1e-9));
        // a pixel reference
        Reference pixelRef = Reference.of("[80, 60, 240, 180]", AnswerType.BOX).withBoxFormat(CoordinateFormat.PIXEL)
                .withImageSize(800, 600);
        assertThat(iou.score("[100, 100, 300, 300]", pixelRef).value()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void usesTheLastBoxAndTheBestReference() {
        assertThat(iou50.score("First guess [0,0,50,50], corrected: [100,100,300,300]", box).value()).isEqualTo(1.0);
        assertThat(iou50.score("[100,100,300,300] no wait [0,0,50,50]", box).value()).isZero();
        Reference two = new Reference(List.of("[[0,0,100,100],[500,500,600,600]]"), AnswerType.BOX, Map.of(), 0, 0,
                CoordinateFormat.NORM1000);
        assertThat(iou50.score("[500,500,600,600]", two).value()).isEqualTo(1.0);
    }

    @Test
    void noBoxIsUnparsable() {
        Score s = iou.score("The cat is in the top left corner.", box);
        assertThat(s.value()).isZero();
        assertThat(s.extracted()).isNull();
    }

    @Test
    void pointInBoxAndDistance() {
        PointScorer point = new PointScorer(false, 0.05, 0.2, CoordinateFormat.AUTO);
        PointScorer distance = new PointScorer(true, 0.05, 0.2, CoordinateFormat.AUTO);
        assertThat(point.score("The centre is at (200, 200).", box).value()).isEqualTo(1.0);
        assertThat(point.score("<point>350 200</point>", box).value()).isZero();
        // 50/1000 outside the box edge → distance 0.05, continuous 1 - 0.05/0.2
        assertThat(distance.score("[350, 200]", box).value()).isCloseTo(0.75, within(1e-9));
        assertThat(distance.score("[200, 200]", box).value()).isEqualTo(1.0);
        assertThat(distance.score("[900, 900]", box).value()).isZero();
        // a box as answer counts by its centre
        assertThat(point.score("[150, 150, 250, 250]", box).value()).isEqualTo(1.0);
    }

    @Test
    void pointAgainstAReferencePoint() {
        Reference p = Reference.of("[500, 500]", AnswerType.POINT);
        PointScorer point = new PointScorer(false, 0.05, 0.2, CoordinateFormat.AUTO);
        PointScorer distance = new PointScorer(true, 0.05, 0.2, CoordinateFormat.AUTO);
        assertThat(point.score("[540, 500]", p).value()).isEqualTo(1.0); // distance 0.04
        assertThat(point.score("[540, 540]", p).value()).isZero(); // 0.0566
        assertThat(distance.score("[600, 500]", p).value()).isCloseTo(0.5, within(1e-9));
        assertThat(distance.scoreReply("<think>[500, 500]</think>nowhere", false, p).value()).isZero();
    }

    @Test
    void votesOnBoxesAgreeByOverlap() {
        assertThat(iou.sameAnswer("[100, 100, 300, 300]", "[110, 110, 310, 310]", box)).isTrue();
        assertThat(iou.sameAnswer("[100, 100, 300, 300]", "[500, 500, 700, 700]", box)).isFalse();
    }
}
