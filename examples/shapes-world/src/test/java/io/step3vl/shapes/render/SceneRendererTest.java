package io.step3vl.shapes.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.shapes.scene.Background;
import io.step3vl.shapes.scene.Box;
import io.step3vl.shapes.scene.Colour;
import io.step3vl.shapes.scene.PixelFontMetrics;
import io.step3vl.shapes.scene.Scene;
import io.step3vl.shapes.scene.SceneObject;
import io.step3vl.shapes.scene.Shape;
import io.step3vl.shapes.scene.SizeClass;
import io.step3vl.shapes.scene.TextMark;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SceneRendererTest {
    private final SceneRenderer renderer = new SceneRenderer();

    private static Scene single(Shape shape, Colour colour, Box box, double noise) {
        return new Scene("t", 224, 224, Background.WHITE, 7, noise,
                List.of(new SceneObject(shape, colour, SizeClass.LARGE, box)), null);
    }

    /** The box of all pixels that differ from the background. */
    private static int[] inkBox(BufferedImage img, int background) {
        int x1 = Integer.MAX_VALUE, y1 = Integer.MAX_VALUE, x2 = -1, y2 = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != background) {
                    x1 = Math.min(x1, x);
                    y1 = Math.min(y1, y);
                    x2 = Math.max(x2, x + 1);
                    y2 = Math.max(y2, y + 1);
                }
            }
        }
        return new int[] {x1, y1, x2, y2};
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void everyShapeTouchesAllFourEdgesOfItsBox(Shape shape) {
        Box box = new Box(40, 60, 110, 130);
        BufferedImage img = renderer.render(single(shape, Colour.BLUE, box, 0));
        int[] ink = inkBox(img, Background.WHITE.rgb());
        // anti-aliasing may tint at most one pixel beyond an edge
        assertThat(ink[0]).isBetween(box.x1() - 1, box.x1() + 1);
        assertThat(ink[1]).isBetween(box.y1() - 1, box.y1() + 1);
        assertThat(ink[2]).isBetween(box.x2() - 1, box.x2() + 1);
        assertThat(ink[3]).isBetween(box.y2() - 1, box.y2() + 1);
        int centre = img.getRGB((int) box.centreX(), (int) box.centreY() + 5) & 0xFFFFFF;
        assertThat(centre).isEqualTo(Colour.BLUE.rgb());
    }

    @Test
    void noiseSpecklesAboutTheRequestedShareOfPixels() {
        BufferedImage img = renderer.render(new Scene("n", 224, 224, Background.GREY, 11, 0.05, List.of(), null));
        int changed = 0;
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != Background.GREY.rgb()) {
                    changed++;
                }
            }
        }
        double share = changed / (224.0 * 224.0);
        // a speckle may draw a zero offset (1 in 65), so slightly under 5%
        assertThat(share).isBetween(0.044, 0.054);
    }

    @Test
    void textIsDrawnInsideItsBoxAsPixelGlyphs() {
        int cell = 4;
        Box box = new Box(20, 30, 20 + PixelFontMetrics.width("HH", cell), 30 + PixelFontMetrics.height(cell));
        Scene scene = new Scene("o", 224, 224, Background.WHITE, 1, 0, List.of(), new TextMark("HH", box, cell, 0x1E1E1E));
        BufferedImage img = renderer.render(scene);
        assertThat(inkBox(img, Background.WHITE.rgb())).containsExactly(box.x1(), box.y1(), box.x2(), box.y2());
        // H's left stem is inked top to bottom; the gap between H's stems is empty on row 0
        assertThat(img.getRGB(21, 31) & 0xFFFFFF).isEqualTo(0x1E1E1E);
        assertThat(img.getRGB(21 + 2 * cell, 31) & 0xFFFFFF).isEqualTo(Background.WHITE.rgb());
        assertThat(SceneRenderer.canDraw("CAT42")).isTrue();
        assertThat(SceneRenderer.canDraw("cat")).isFalse();
    }

    @Test
    void pngRoundTripsThePixels() throws Exception {
        BufferedImage img = renderer.render(single(Shape.STAR, Colour.ORANGE, new Box(10, 10, 90, 90), 0.05));
        byte[] png = Png.encode(img);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getWidth()).isEqualTo(224);
        for (int y = 0; y < 224; y += 7) {
            for (int x = 0; x < 224; x += 5) {
                assertThat(back.getRGB(x, y)).isEqualTo(img.getRGB(x, y));
            }
        }
        assertThat(Png.encode(img)).isEqualTo(png);
    }
}
