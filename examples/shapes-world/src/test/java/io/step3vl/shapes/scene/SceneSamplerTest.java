package io.step3vl.shapes.scene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SceneSamplerTest {
    @Test
    void objectsStayInsideTheImageAndOverlapAtMostTheLimit() {
        SceneSampler sampler = new SceneSampler(224, 0.1, 0.05);
        int scenes = 0;
        for (int seed = 0; seed < 300; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Scene scene = sampler.sample("s" + seed, rng, SceneSampler.randomSpecs(rng, 5), seed % 3 == 0 ? "CAT" : null);
            if (scene == null) {
                continue;
            }
            scenes++;
            assertThat(scene.objects()).hasSize(5);
            for (SceneObject o : scene.objects()) {
                assertThat(o.box().x1()).isGreaterThanOrEqualTo(0);
                assertThat(o.box().y1()).isGreaterThanOrEqualTo(0);
                assertThat(o.box().x2()).isLessThanOrEqualTo(224);
                assertThat(o.box().y2()).isLessThanOrEqualTo(224);
                assertThat(o.box().width()).isEqualTo(o.box().height());
                for (SceneObject other : scene.objects()) {
                    if (other != o) {
                        assertThat(o.box().overlapFraction(other.box())).isLessThanOrEqualTo(0.1);
                    }
                }
                if (scene.text() != null) {
                    assertThat(o.box().intersectionArea(scene.text().box())).isZero();
                }
            }
        }
        assertThat(scenes).isGreaterThan(290);
    }

    @Test
    void onAGridEveryObjectKeepsInsideItsOwnCell() {
        SceneSampler sampler = new SceneSampler(224, 0.0, 0.0, 4);
        int scenes = 0;
        for (int seed = 0; seed < 200; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            Scene scene = sampler.sample("g" + seed, rng, SceneSampler.randomSpecs(rng, 5), null);
            assertThat(scene).isNotNull();
            scenes++;
            java.util.Set<Integer> cells = new java.util.HashSet<>();
            for (SceneObject o : scene.objects()) {
                int col = o.box().x1() / 56;
                int row = o.box().y1() / 56;
                assertThat((o.box().x2() - 1) / 56).as("right edge in the same cell").isEqualTo(col);
                assertThat((o.box().y2() - 1) / 56).as("bottom edge in the same cell").isEqualTo(row);
                assertThat(cells.add(row * 4 + col)).as("one object per cell").isTrue();
                assertThat(o.size()).as("large objects do not fit a 56 px cell").isNotEqualTo(SizeClass.LARGE);
            }
        }
        assertThat(scenes).isEqualTo(200);
    }

    @Test
    void samplingIsAPureFunctionOfTheGenerator() {
        SceneSampler sampler = new SceneSampler(224, 0.0, 0.05);
        Scene a = sampler.sample("x", new SplittableRandom(9), List.of(new ObjectSpec(Shape.STAR, Colour.RED)), "42");
        Scene b = sampler.sample("x", new SplittableRandom(9), List.of(new ObjectSpec(Shape.STAR, Colour.RED)), "42");
        assertThat(a).isEqualTo(b);
        assertThat(a.signature()).isEqualTo(b.signature());
    }

    @Test
    void normalisedBoxesUseThe0To1000Scale() {
        Box box = new Box(56, 112, 112, 224);
        assertThat(box.normalised(224, 224)).containsExactly(250, 500, 500, 1000);
        assertThat(box.normalisedCentre(224, 224)).containsExactly(375, 750);
    }

    @Test
    void regionsSplitTheImageIntoThirds() {
        Scene scene = new Scene("r", 300, 300, Background.WHITE, 0, 0, List.of(), null);
        assertThat(scene.regionOf(new Box(0, 0, 20, 20))).isEqualTo("top left");
        assertThat(scene.regionOf(new Box(140, 140, 160, 160))).isEqualTo("centre");
        assertThat(scene.regionOf(new Box(280, 140, 300, 160))).isEqualTo("right");
        assertThat(scene.regionOf(new Box(140, 280, 160, 300))).isEqualTo("bottom");
    }
}
