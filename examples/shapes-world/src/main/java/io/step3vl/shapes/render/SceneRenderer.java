package io.step3vl.shapes.render;

import io.step3vl.shapes.scene.Box;
import io.step3vl.shapes.scene.PixelFontMetrics;
import io.step3vl.shapes.scene.Scene;
import io.step3vl.shapes.scene.SceneObject;
import io.step3vl.shapes.scene.TextMark;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * Draws a scene: background, objects in order (anti-aliased), the text mark as dots, then grey
 * speckle noise seeded by the scene (a share of pixels shifted by up to ±{@value #NOISE_AMPLITUDE}
 * levels: visible texture that still compresses, unlike noise on every pixel). Every shape exactly fills its box, so boxes are tight.
 */
public final class SceneRenderer {
    /** Inner/outer radius of a regular five-pointed star. */
    private static final double STAR_INNER_RATIO = 0.381966;
    static final int NOISE_AMPLITUDE = 32;

    public BufferedImage render(Scene scene) {
        BufferedImage image = new BufferedImage(scene.width(), scene.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(new Color(scene.background().rgb()));
            g.fillRect(0, 0, scene.width(), scene.height());
            for (SceneObject object : scene.objects()) {
                g.setColor(new Color(object.colour().rgb()));
                g.fill(outline(object));
            }
            if (scene.text() != null) {
                drawText(g, scene.text());
            }
        } finally {
            g.dispose();
        }
        addNoise(image, scene.noiseSeed(), scene.noise());
        return image;
    }

    private static java.awt.Shape outline(SceneObject object) {
        Box b = object.box();
        return switch (object.shape()) {
            case CIRCLE -> new Ellipse2D.Double(b.x1(), b.y1(), b.width(), b.height());
            case SQUARE -> new Rectangle2D.Double(b.x1(), b.y1(), b.width(), b.height());
            case TRIANGLE -> {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(b.centreX(), b.y1());
                p.lineTo(b.x2(), b.y2());
                p.lineTo(b.x1(), b.y2());
                p.closePath();
                yield p;
            }
            case STAR -> star(b);
        };
    }

    /** A regular five-pointed star, point up, stretched to touch all four edges of the box. */
    private static Path2D star(Box b) {
        double[] xs = new double[10];
        double[] ys = new double[10];
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? 1.0 : STAR_INNER_RATIO;
            double angle = -Math.PI / 2 + i * Math.PI / 5;
            xs[i] = r * Math.cos(angle);
            ys[i] = r * Math.sin(angle);
            minX = Math.min(minX, xs[i]);
            maxX = Math.max(maxX, xs[i]);
            minY = Math.min(minY, ys[i]);
            maxY = Math.max(maxY, ys[i]);
        }
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double x = b.x1() + (xs[i] - minX) / (maxX - minX) * b.width();
            double y = b.y1() + (ys[i] - minY) / (maxY - minY) * b.height();
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }

    private static void drawText(Graphics2D g, TextMark mark) {
        g.setColor(new Color(mark.inkRgb()));
        int cell = mark.cell();
        int x0 = mark.box().x1();
        int y0 = mark.box().y1();
        String text = mark.text();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int gx = x0 + i * (PixelFontMetrics.GLYPH_WIDTH + 1) * cell;
            for (int row = 0; row < PixelFontMetrics.GLYPH_HEIGHT; row++) {
                for (int col = 0; col < PixelFontMetrics.GLYPH_WIDTH; col++) {
                    if (PixelFont.dot(c, col, row)) {
                        g.fillRect(gx + col * cell, y0 + row * cell, cell, cell);
                    }
                }
            }
        }
    }

    /** The same offset on R, G and B of a speckled pixel (grey noise compresses better). */
    private static void addNoise(BufferedImage image, long seed, double share) {
        if (share == 0) {
            return;
        }
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData(); // (height * width) 0xRRGGBB
        SplittableRandom rng = new SplittableRandom(seed);
        int span = 2 * NOISE_AMPLITUDE + 1;
        for (int i = 0; i < pixels.length; i++) {
            if (rng.nextDouble() >= share) {
                continue;
            }
            int delta = rng.nextInt(span) - NOISE_AMPLITUDE;
            int p = pixels[i];
            int r = clamp(((p >> 16) & 0xFF) + delta);
            int gr = clamp(((p >> 8) & 0xFF) + delta);
            int b = clamp((p & 0xFF) + delta);
            pixels[i] = (r << 16) | (gr << 8) | b;
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    /** Whether every character of {@code text} can be drawn. */
    public static boolean canDraw(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!PixelFont.supports(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
