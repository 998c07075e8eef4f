package io.step3vl.shapes.tasks;

import io.step3vl.shapes.scene.Colour;
import io.step3vl.shapes.scene.SceneSampler;
import io.step3vl.shapes.scene.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The procedural text-only corpus: short documents of facts about shapes, colours, counting,
 * arithmetic and box geometry — the language the image tasks use, without images.
 */
public final class TextCorpus {
    private static final int KINDS = 8;

    private TextCorpus() {}

    /** A document of 3–6 sentences. */
    public static String document(SplittableRandom rng) {
        int sentences = 3 + rng.nextInt(4);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            out.add(sentence(rng));
        }
        return String.join(" ", out);
    }

    static String sentence(SplittableRandom rng) {
        switch (rng.nextInt(KINDS)) {
            case 0: {
                Shape s = SceneSampler.pick(rng, Shape.values());
                return "A " + s.word() + " " + s.description() + ".";
            }
            case 1: {
                int a = rng.nextInt(10);
                int b = rng.nextInt(10);
                return a + " plus " + b + " equals " + (a + b) + ".";
            }
            case 2: {
                int a = rng.nextInt(10);
                int b = rng.nextInt(a + 1);
                return a + " minus " + b + " equals " + (a - b) + ".";
            }
            case 3: {
                int a = 1 + rng.nextInt(4);
                int b = 1 + rng.nextInt(4);
                Colour c1 = SceneSampler.pick(rng, Colour.values());
                Shape s1 = SceneSampler.pick(rng, Shape.values());
                Colour c2 = SceneSampler.pick(rng, Colour.values());
                Shape s2 = SceneSampler.pick(rng, Shape.values());
                return "There " + (a == 1 ? "is " : "are ") + a + " " + c1.word() + " " + s1.noun(a) + " and " + b
                        + " " + c2.word() + " " + s2.noun(b) + ", so there are " + (a + b) + " objects in total.";
            }
            case 4: {
                ColourMix mix = SceneSampler.pick(rng, ColourMix.values());
                return Phrases.capitalise(mix.first) + " and " + mix.second + " make " + mix.result + ".";
            }
            case 5: {
                int x1 = 10 * rng.nextInt(60);
                int y1 = 10 * rng.nextInt(60);
                int x2 = x1 + 20 * (1 + rng.nextInt(20));
                int y2 = y1 + 20 * (1 + rng.nextInt(20));
                return "The box [" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + "] has its centre at ["
                        + (x1 + x2) / 2 + ", " + (y1 + y2) / 2 + "].";
            }
            case 6: {
                int n = 2 + rng.nextInt(8);
                List<String> numbers = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    numbers.add(Integer.toString(i));
                }
                return "Counting to " + n + ": " + String.join(", ", numbers) + ".";
            }
            default: {
                int a = rng.nextInt(10);
                int b;
                do {
                    b = rng.nextInt(10);
                } while (b == a);
                return a + " is " + (a > b ? "more" : "less") + " than " + b + ".";
            }
        }
    }

    /** Mixing paint colours: the palette's secondary colours. */
    enum ColourMix {
        ORANGE("red", "yellow", "orange"),
        GREEN("blue", "yellow", "green"),
        PURPLE("red", "blue", "purple");

        final String first;
        final String second;
        final String result;

        ColourMix(String first, String second, String result) {
            this.first = first;
            this.second = second;
            this.result = result;
        }
    }
}
