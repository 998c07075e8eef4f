package io.step3vl.train.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ChatRequest;
import io.step3vl.inference.ImageData;
import io.step3vl.inference.SamplingParams;
import io.step3vl.inference.local.LocalBackend;
import io.step3vl.inference.local.PresetCheckpoint;
import io.step3vl.model.runtime.DeviceChoice;
import io.step3vl.shapes.ShapesConfig;
import io.step3vl.shapes.ShapesGenerator;
import io.step3vl.shapes.tasks.Task;
import io.step3vl.tokenizer.TextTokenizer;
import io.step3vl.train.data.pack.AssistantScope;
import io.step3vl.train.data.read.SampleKind;
import io.step3vl.train.data.source.SourceSpec;
import io.step3vl.train.optim.AdamWConfig;
import io.step3vl.train.optim.Freeze;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence that the pipeline learns, on the tiny preset and the shapes world (issue 6, item 6): pre-training
 * on captions drives the loss far below the captions' unigram entropy, and SFT of that checkpoint grounds
 * held-out colour and counting answers in the image, well above the majority answer. The world puts one
 * object in each cell of a 4×4 grid, tiny's 4×4 image tokens at 224 px, so that an object's count is a
 * count of tokens; settings and the runs behind them: docs/benchmarks.md, "Learning".
 */
class ShapesLearningTest {
    private static final Pattern COLOUR_WORD = Pattern.compile("red|orange|yellow|green|blue|purple");
    private static final Pattern COUNT = Pattern.compile("[0-5]");
    private static final int PRETRAIN_STEPS = 500;
    private static final int SFT_STEPS = 1200;

    @TempDir
    Path tmp;

    @Test
    void pretrainBeatsTheUnigramBaselineAndSftAnswersFromTheImage() throws IOException {
        Path shapes = tmp.resolve("shapes");
        // open questions, one object per cell of tiny's 4x4 token grid, nothing overlapping or speckled
        new ShapesGenerator(ShapesConfig.builder(5, 2400).tasks(List.of(Task.COUNTING, Task.COLOUR)).thinkRatio(0)
                .choiceRatio(0).grid(4).noise(0).maxOverlap(0)
                .textN(1).textSftN(1).docsN(1).rlN(1).benchPerCategory(100).build()).generate(shapes);
        Path tiny = PresetCheckpoint.write("tiny", 1, tmp.resolve("tiny"));

        // ---- pre-training on captions: loss vs the unigram entropy of the very tokens it is trained on
        Path captions = shapes.resolve("pretrain-captions.jsonl");
        Path pretrain = tmp.resolve("pretrain");
        TrainResult pre = Trainer.run(config("pretrain", tiny, List.of(SourceSpec.parse("captions=" + captions + "@1",
                SampleKind.PRETRAIN)), pretrain, PRETRAIN_STEPS, 2, 5e-4, Set.of()));
        assertThat(pre.status()).isEqualTo(TrainResult.Status.COMPLETED);
        double unigram = unigramEntropy(tiny, captions);
        double pretrainLoss = meanOfLast(pretrain, 30);
        System.out.printf(Locale.ROOT, "learning: caption unigram entropy %.3f nats/token, pretrain loss (last 30 steps) %.3f%n",
                unigram, pretrainLoss);
        assertThat(pretrainLoss).isLessThan(0.5 * unigram);

        // ---- SFT on colour and counting conversations, then greedy answers on held-out questions. The tower
        // keeps its pre-trained weights: the decoder's aggregation over image tokens is what SFT must learn,
        // and a frozen tower makes each step a quarter cheaper (docs/benchmarks.md).
        Path sft = tmp.resolve("sft");
        TrainResult tuned = Trainer.run(config("sft", pretrain, List.of(SourceSpec.parse("sft=" + shapes.resolve("sft.jsonl")
                + "@1", SampleKind.SFT)), sft, SFT_STEPS, 1, 1e-4, Set.of(Freeze.VISION)));
        assertThat(tuned.status()).isEqualTo(TrainResult.Status.COMPLETED);
        Map<String, Score> scores = answerHeldOut(sft, shapes);
        for (Map.Entry<String, Score> e : scores.entrySet()) {
            Score s = e.getValue();
            System.out.printf(Locale.ROOT, "learning: %s: accuracy %.2f, majority baseline %.2f, well-formed %.2f (n=%d)%n",
                    e.getKey(), s.accuracy(), s.majority(), s.wellFormed(), s.n);
            assertThat(s.n).isEqualTo(100);
            // before SFT the model continues captions; after it, it answers in the task's vocabulary
            assertThat(s.wellFormed()).as(e.getKey()).isGreaterThanOrEqualTo(0.9);
            // a model that ignores the image gives one answer to every question of a kind
            assertThat(s.answers).as(e.getKey() + " answers").hasSizeGreaterThanOrEqualTo(3);
        }
        for (String category : List.of("colour", "counting")) {
            Score s = scores.get(category);
            assertThat(s.accuracy()).as("%s accuracy vs majority %.2f", category, s.majority())
                    .isGreaterThanOrEqualTo(s.majority() + 0.30);
        }
    }

    private static TrainConfig config(String stage, Path model, List<SourceSpec> data, Path out, long steps, int batch,
                                      double lr, Set<Freeze> freeze) {
        return new TrainConfig(stage, model, data, out, null, steps, 256, batch, 1,
                new TrainConfig.ScheduleSpec("constant", lr, lr, 20, 0, 0, 0.75), AdamWConfig.defaults(), 1.0, freeze,
                AssistantScope.AFTER_LAST_USER, 0, 1, 1, 256, 10, 5, DeviceChoice.CPU);
    }

    private static double meanOfLast(Path run, int n) {
        List<Double> losses = new ArrayList<>();
        for (Map<String, Object> row : TrainingReport.readMetrics(run.resolve("metrics.jsonl"))) {
            if (row.get("loss") instanceof Number loss) {
                losses.add(loss.doubleValue());
            }
        }
        return losses.subList(losses.size() - n, losses.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Entropy (nats) of the token distribution of every caption's text plus its end-of-text token. */
    private static double unigramEntropy(Path model, Path captions) throws IOException {
        Map<Long, Integer> counts = new HashMap<>();
        long total = 0;
        try (TextTokenizer tokenizer = TextTokenizer.load(model)) {
            for (String line : Files.readAllLines(captions)) {
                for (JsonNode part : Json.MAPPER.readTree(line).get("content")) {
                    if (part.has("text")) {
                        for (long id : tokenizer.encode(part.get("text").asText())) {
                            counts.merge(id, 1, Integer::sum);
                            total++;
                        }
                    }
                }
                counts.merge(-1L, 1, Integer::sum); // the end-of-text token
                total++;
            }
        }
        double h = 0;
        for (int c : counts.values()) {
            double p = c / (double) total;
            h -= p * Math.log(p);
        }
        return h;
    }

    private static Map<String, Score> answerHeldOut(Path model, Path shapes) throws IOException {
        Map<String, Score> scores = new HashMap<>();
        try (LocalBackend backend = LocalBackend.open(model, DeviceChoice.CPU)) {
            for (String line : Files.readAllLines(shapes.resolve("bench.jsonl"))) {
                JsonNode item = Json.MAPPER.readTree(line);
                JsonNode content = item.at("/messages/0/content");
                Path image = shapes.resolve(content.get(0).get("image").asText());
                ChatMessage question = ChatMessage.user(content.get(1).get("text").asText(),
                        List.of(new ImageData(Files.readAllBytes(image), "image/png", image.toString())));
                SamplingParams greedyDirect = new SamplingParams(0, 1, 0, 0, 1, 8, 0, List.of(), false);
                String answer = backend.complete(ChatRequest.of(List.of(question), greedyDirect)).get(0).content().strip();
                String category = item.get("category").asText();
                Pattern form = category.equals("colour") ? COLOUR_WORD : COUNT;
                scores.computeIfAbsent(category, c -> new Score()).add(answer, item.get("answer").asText(),
                        form.matcher(answer).matches());
            }
        }
        return scores;
    }

    /** Exact-match accuracy, the majority-answer baseline, and the share of answers in the task's vocabulary. */
    private static final class Score {
        final Map<String, Integer> references = new HashMap<>();
        final Set<String> answers = new java.util.HashSet<>();
        int n;
        int correct;
        int wellFormedCount;

        void add(String answer, String reference, boolean wellFormed) {
            n++;
            answers.add(answer.toLowerCase(Locale.ROOT));
            correct += answer.equalsIgnoreCase(reference) ? 1 : 0;
            wellFormedCount += wellFormed ? 1 : 0;
            references.merge(reference, 1, Integer::sum);
        }

        double accuracy() {
            return correct / (double) n;
        }

        double majority() {
            return references.values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) n;
        }

        double wellFormed() {
            return wellFormedCount / (double) n;
        }
    }
}
