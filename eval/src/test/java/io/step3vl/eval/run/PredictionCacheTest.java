package io.step3vl.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class PredictionCacheTest {
    public static Prediction prediction(String key, String content) {
        return new Prediction(key, "d", "sere", "id-" + key, "c", "", "q",
                new SavedReference(List.of("A"), "choice", Map.of("A", "x", "B", "y"), 0, 0, "norm1000"), "pf", "sf",
                false, 1, List.of(new Sample(content, null, "stop", 1, 2, 0.5)), null, null, null, 1, 2, 0.5, "b");
    }

    @Test
    void savedPredictionsSurviveReopeningAndTheLastLineWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("predictions.jsonl");
        PredictionCache cache = PredictionCache.open(file);
        cache.put(prediction("k1", "first"));
        cache.put(prediction("k2", "second"));
        cache.put(prediction("k1", "first, again"));
        PredictionCache reopened = PredictionCache.open(file);
        assertThat(reopened.size()).isEqualTo(2);
        assertThat(reopened.get("k1").orElseThrow().samples().get(0).content()).isEqualTo("first, again");
        assertThat(reopened.get("k2").orElseThrow()).isEqualTo(cache.get("k2").orElseThrow());
        assertThat(reopened.get("k3")).isEmpty();
        assertThat(reopened.skippedLines()).isZero();
    }

    @Test
    void aTornLineIsSkippedAndTheNextAppendStartsOnItsOwnLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("predictions.jsonl");
        PredictionCache.open(file).put(prediction("k1", "ok"));
        Files.writeString(file, "{\"key\":\"k2\",\"dataset\":\"d\",\"sam", StandardOpenOption.APPEND);
        PredictionCache reopened = PredictionCache.open(file);
        assertThat(reopened.skippedLines()).isEqualTo(1);
        assertThat(reopened.contains("k2")).isFalse();
        reopened.put(prediction("k3", "after the kill"));
        PredictionCache third = PredictionCache.open(file);
        assertThat(third.contains("k1")).isTrue();
        assertThat(third.contains("k3")).isTrue();
        assertThat(third.get("k3").orElseThrow().samples().get(0).content()).isEqualTo("after the kill");
        assertThat(third.skippedLines()).isEqualTo(1);
    }

    @Test
    void contentWithNewlinesAndUnicodeRoundTrips(@TempDir Path dir) {
        PredictionCache cache = PredictionCache.open(dir.resolve("p.jsonl"));
        String text = "<think>line 1\nline 2 \u2028 ∑ 😀</think>\n\nThe answer is (B).";
        cache.put(prediction("k", text));
        assertThat(PredictionCache.open(dir.resolve("p.jsonl")).get("k").orElseThrow().samples().get(0).content())
                .isEqualTo(text);
    }
}
