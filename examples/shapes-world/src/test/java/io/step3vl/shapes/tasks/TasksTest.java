package io.step3vl.shapes.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.shapes.scene.Colour;
import io.step3vl.shapes.scene.Scene;
import io.step3vl.shapes.scene.SceneObject;
import io.step3vl.shapes.scene.SceneSampler;
import io.step3vl.shapes.scene.Shape;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every answer is checked against the scene graph it was asked about, recomputed independently. */
class TasksTest {
    private static final int DRAWS = 300;
    private final Map<Task, TaskGenerator> gens = Tasks.generators(new SceneSampler(224, 0.1, 0.05), 5);

    private Example draw(Task task, int seed, boolean choice) {
        return gens.get(task).generate("s" + seed, new SplittableRandom(seed), choice);
    }

    private static SceneObject named(Scene scene, String colour, String shape) {
        List<SceneObject> found = scene.objects().stream()
                .filter(o -> o.colour().word().equals(colour) && o.shape().word().equals(shape)).toList();
        assertThat(found).as("exactly one %s %s", colour, shape).hasSize(1);
        return found.get(0);
    }

    @Test
    void countingAnswersMatchTheSceneAndCoverZeroToFiveEvenly() {
        Pattern shapeQ = Pattern.compile("How many (\\w+) are there\\?");
        Pattern colourQ = Pattern.compile("How many (\\w+) objects are there\\?");
        Map<String, Integer> answers = new TreeMap<>();
        for (int seed = 0; seed < 600; seed++) {
            Example e = draw(Task.COUNTING, seed, false);
            Scene scene = e.scene();
            String prompt = e.question().prompt();
            int expected;
            Matcher mc = colourQ.matcher(prompt);
            Matcher ms = shapeQ.matcher(prompt);
            if (prompt.equals("How many objects are there?")) {
                expected = scene.objects().size();
            } else if (mc.matches()) {
                expected = scene.count(Colour.parse(mc.group(1)));
            } else {
                assertThat(ms.matches()).as(prompt).isTrue();
                Shape shape = List.of(Shape.values()).stream().filter(s -> s.plural().equals(ms.group(1))).findFirst()
                        .orElseThrow();
                expected = scene.count(shape);
            }
            assertThat(e.question().answer()).isEqualTo(Integer.toString(expected));
            assertThat(e.question().answerType()).isEqualTo(AnswerType.NUMBER);
            assertThat(scene.objects().size()).isLessThanOrEqualTo(5);
            assertThat(e.question().reasoning()).endsWith("That makes " + expected + ".");
            answers.merge(e.question().answer(), 1, Integer::sum);
        }
        assertThat(answers.keySet()).containsExactly("0", "1", "2", "3", "4", "5");
        // uniform over 6 answers: 100 each; allow generous sampling noise
        assertThat(answers.values()).allSatisfy(n -> assertThat(n).isBetween(65, 135));
    }

    @Test
    void colourQuestionsAskAboutAUniqueShapeAndAnswerItsColour() {
        Pattern q = Pattern.compile("What colour is the (\\w+)\\?");
        for (int seed = 0; seed < DRAWS; seed++) {
            Example e = draw(Task.COLOUR, seed, false);
            Matcher m = q.matcher(e.question().prompt());
            assertThat(m.matches()).isTrue();
            Shape shape = Shape.parse(m.group(1));
            assertThat(e.scene().count(shape)).isEqualTo(1);
            SceneObject target = e.scene().objects().stream().filter(o -> o.shape() == shape).findFirst().orElseThrow();
            assertThat(e.question().answer()).isEqualTo(target.colour().word());
        }
    }

    @Test
    void multipleChoiceAnswersAreTheLetterOfTheCorrectOption() {
        for (int seed = 0; seed < DRAWS; seed++) {
            Example e = draw(seed % 2 == 0 ? Task.COLOUR : Task.SHAPE, seed, true);
            Question q = e.question();
            assertThat(q.answerType()).isEqualTo(AnswerType.CHOICE);
            assertThat(q.options()).containsOnlyKeys("A", "B", "C", "D");
            assertThat(q.options().values()).doesNotHaveDuplicates();
            String correctText = q.options().get(q.answer());
            String askedAbout = q.prompt().split("\n")[0];
            if (q.task() == Task.COLOUR) {
                Shape shape = Shape.parse(askedAbout.replace("What colour is the ", "").replace("?", ""));
                assertThat(e.scene().objects().stream().filter(o -> o.shape() == shape).findFirst().orElseThrow()
                        .colour().word()).isEqualTo(correctText);
            } else {
                Colour colour = Colour.parse(askedAbout.replace("What shape is the ", "").replace(" object?", ""));
                assertThat(e.scene().objects().stream().filter(o -> o.colour() == colour).findFirst().orElseThrow()
                        .shape().word()).isEqualTo(correctText);
            }
            assertThat(q.prompt()).contains(q.answer() + ". " + correctText).endsWith(Choices.INSTRUCTION);
        }
    }

    @Test
    void shapeQuestionsAskAboutAUniqueColour() {
        for (int seed = 0; seed < DRAWS; seed++) {
            Example e = draw(Task.SHAPE, seed, false);
            Colour colour = Colour.parse(e.question().prompt().replace("What shape is the ", "").replace(" object?", ""));
            assertThat(e.scene().count(colour)).isEqualTo(1);
            assertThat(e.question().answer()).isEqualTo(
                    e.scene().objects().stream().filter(o -> o.colour() == colour).findFirst().orElseThrow().shape().word());
        }
    }

    @Test
    void spatialAnswersFollowTheCentresAndAreNeverBorderline() {
        Pattern h = Pattern.compile("Is the (\\w+) (\\w+) to the left or to the right of the (\\w+) (\\w+)\\?");
        Pattern v = Pattern.compile("Is the (\\w+) (\\w+) above or below the (\\w+) (\\w+)\\?");
        int horizontal = 0;
        for (int seed = 0; seed < DRAWS; seed++) {
            Example e = draw(Task.SPATIAL, seed, false);
            String prompt = e.question().prompt();
            Matcher mh = h.matcher(prompt);
            Matcher mv = v.matcher(prompt);
            boolean isH = mh.matches();
            Matcher m = isH ? mh : mv;
            assertThat(isH || mv.matches()).as(prompt).isTrue();
            SceneObject a = named(e.scene(), m.group(1), m.group(2));
            SceneObject b = named(e.scene(), m.group(3), m.group(4));
            if (isH) {
                horizontal++;
                assertThat(a.box().horizontallySeparated(b.box())).isTrue();
                assertThat(e.question().answer()).isEqualTo(a.box().centreX() < b.box().centreX() ? "left" : "right");
            } else {
                assertThat(a.box().verticallySeparated(b.box())).isTrue();
                assertThat(e.question().answer()).isEqualTo(a.box().centreY() < b.box().centreY() ? "above" : "below");
            }
        }
        assertThat(horizontal).isBetween(DRAWS / 4, 3 * DRAWS / 4);
    }

    @Test
    void groundingAndPointingAnswerTheNormalisedBoxAndCentre() {
        Pattern box = Pattern.compile("What is the bounding box of the (\\w+) (\\w+)\\?");
        Pattern point = Pattern.compile("Point to the (\\w+) (\\w+)\\.");
        for (int seed = 0; seed < DRAWS; seed++) {
            Example g = draw(Task.GROUNDING, seed, false);
            Matcher mb = box.matcher(g.question().prompt());
            assertThat(mb.matches()).isTrue();
            SceneObject o = named(g.scene(), mb.group(1), mb.group(2));
            assertThat(g.question().answer()).isEqualTo(Phrases.bracket(o.box().normalised(224, 224)));
            assertThat(g.question().answer()).matches("\\[\\d+, \\d+, \\d+, \\d+\\]");
            assertThat(g.question().answerType()).isEqualTo(AnswerType.BOX);

            Example p = draw(Task.POINTING, seed, false);
            Matcher mp = point.matcher(p.question().prompt());
            assertThat(mp.matches()).isTrue();
            SceneObject t = named(p.scene(), mp.group(1), mp.group(2));
            assertThat(p.question().answer()).isEqualTo(Phrases.bracket(t.box().normalisedCentre(224, 224)));
            assertThat(p.question().metadata()).containsKeys("bbox", "point", "image_size");
        }
    }

    @Test
    void ocrAnswersTheRenderedText() {
        int numbers = 0;
        for (int seed = 0; seed < DRAWS; seed++) {
            Example e = draw(Task.OCR, seed, false);
            assertThat(e.scene().text()).isNotNull();
            assertThat(e.question().answer()).isEqualTo(e.scene().text().text());
            assertThat(e.question().answerType()).isEqualTo(AnswerType.OCR);
            if (Character.isDigit(e.question().answer().charAt(0))) {
                numbers++;
            }
        }
        assertThat(numbers).isBetween(DRAWS / 4, 3 * DRAWS / 4);
    }

    @Test
    void arithmeticAnswersAreSumsOrDifferencesOfShapeCounts() {
        Pattern sum = Pattern.compile("How many (\\w+) and (\\w+) are there in total\\?");
        Pattern diff = Pattern.compile("How many more (\\w+) than (\\w+) are there\\?");
        for (int seed = 0; seed < DRAWS; seed++) {
            Example e = draw(Task.ARITHMETIC, seed, false);
            String prompt = e.question().prompt();
            Matcher ms = sum.matcher(prompt);
            Matcher md = diff.matcher(prompt);
            boolean isSum = ms.matches();
            Matcher m = isSum ? ms : md;
            assertThat(isSum || md.matches()).as(prompt).isTrue();
            int a = e.scene().count(plural(m.group(1)));
            int b = e.scene().count(plural(m.group(2)));
            assertThat(e.question().answer()).isEqualTo(Integer.toString(isSum ? a + b : a - b));
            assertThat(isSum ? a + b : a - b).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void captionsListEveryObjectAndTheText() {
        for (int seed = 0; seed < 50; seed++) {
            Example e = draw(Task.OCR, seed, false);
            String caption = Captioner.caption(e.scene());
            for (SceneObject o : e.scene().objects()) {
                assertThat(caption).contains(o.longName());
            }
            assertThat(caption).endsWith("The text says " + e.scene().text().text() + ".");
        }
    }

    @Test
    void textCorpusAndTextQuestionsAreSelfConsistent() {
        Pattern plus = Pattern.compile("(\\d+) plus (\\d+) equals (\\d+)\\.");
        for (int seed = 0; seed < 200; seed++) {
            String doc = TextCorpus.document(new SplittableRandom(seed));
            Matcher m = plus.matcher(doc);
            while (m.find()) {
                assertThat(Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)))
                        .isEqualTo(Integer.parseInt(m.group(3)));
            }
            TextQuestions.TextQuestion q = TextQuestions.draw(new SplittableRandom(seed));
            if (q.category().equals("addition")) {
                Matcher a = Pattern.compile("What is (\\d+) plus (\\d+)\\?").matcher(q.prompt());
                assertThat(a.matches()).isTrue();
                assertThat(q.answer()).isEqualTo(
                        Integer.toString(Integer.parseInt(a.group(1)) + Integer.parseInt(a.group(2))));
            }
            assertThat(q.reasoning()).isNotBlank();
        }
    }

    private static Shape plural(String word) {
        return List.of(Shape.values()).stream().filter(s -> s.plural().equals(word)).findFirst().orElseThrow();
    }
}
