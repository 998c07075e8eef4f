package io.step3vl.shapes.tasks;

import io.step3vl.shapes.scene.SceneSampler;
import io.step3vl.shapes.scene.Shape;
import java.util.SplittableRandom;

/**
 * Text-only SFT questions (the "text" side of the SFT text:multimodal mixes): arithmetic, shape
 * facts, colour mixing, comparisons and box centres, with short canonical answers.
 */
public final class TextQuestions {
    /** A text-only question with its answer and reasoning; {@code category} names the family. */
    public record TextQuestion(String category, String prompt, String answer, String reasoning) {}

    private TextQuestions() {}

    public static TextQuestion draw(SplittableRandom rng) {
        switch (rng.nextInt(6)) {
            case 0: {
                int a = rng.nextInt(10);
                int b = rng.nextInt(10);
                return new TextQuestion("addition", "What is " + a + " plus " + b + "?", Integer.toString(a + b),
                        a + " + " + b + " = " + (a + b) + ".");
            }
            case 1: {
                int a = rng.nextInt(10);
                int b = rng.nextInt(a + 1);
                return new TextQuestion("subtraction", "What is " + a + " minus " + b + "?", Integer.toString(a - b),
                        a + " - " + b + " = " + (a - b) + ".");
            }
            case 2: {
                Shape s = SceneSampler.pick(rng, Shape.values());
                String n = switch (s) {
                    case CIRCLE -> "0";
                    case SQUARE -> "4";
                    case TRIANGLE -> "3";
                    case STAR -> "5";
                };
                String noun = s == Shape.STAR ? "points" : "corners";
                return new TextQuestion("shape-facts", "How many " + noun + " does a " + s.word() + " have?", n,
                        "A " + s.word() + " " + s.description() + ". So the answer is " + n + ".");
            }
            case 3: {
                TextCorpus.ColourMix mix = SceneSampler.pick(rng, TextCorpus.ColourMix.values());
                return new TextQuestion("colour-mixing", "What colour do " + mix.first + " and " + mix.second
                        + " make?", mix.result, "Mixing " + mix.first + " and " + mix.second + " gives " + mix.result + ".");
            }
            case 4: {
                int a = rng.nextInt(10);
                int b;
                do {
                    b = rng.nextInt(10);
                } while (b == a);
                int larger = Math.max(a, b);
                return new TextQuestion("comparison", "Which is larger, " + a + " or " + b + "?",
                        Integer.toString(larger), larger + " is more than " + Math.min(a, b) + ".");
            }
            default: {
                int x1 = 10 * rng.nextInt(60);
                int y1 = 10 * rng.nextInt(60);
                int x2 = x1 + 20 * (1 + rng.nextInt(20));
                int y2 = y1 + 20 * (1 + rng.nextInt(20));
                int cx = (x1 + x2) / 2;
                int cy = (y1 + y2) / 2;
                return new TextQuestion("box-centre", "What is the centre of the box [" + x1 + ", " + y1 + ", " + x2
                        + ", " + y2 + "]?", "[" + cx + ", " + cy + "]",
                        "The centre is halfway between the edges: x = (" + x1 + " + " + x2 + ") / 2 = " + cx
                                + " and y = (" + y1 + " + " + y2 + ") / 2 = " + cy + ".");
            }
        }
    }
}
