package io.step3vl.train.data.source;

import io.step3vl.train.data.Role;
import io.step3vl.train.data.Sample;
import io.step3vl.train.data.Turn;
import io.step3vl.train.data.read.BadRecords;
import io.step3vl.train.data.read.DataFile;
import io.step3vl.train.data.read.DataFiles;
import io.step3vl.train.data.read.DataReader;
import io.step3vl.train.data.read.ImageCheck;
import io.step3vl.train.data.read.ParallelReader;
import io.step3vl.train.data.read.ReaderOptions;
import io.step3vl.train.data.read.SampleKind;
import io.step3vl.train.data.SampleStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads data once, the way training would, and counts what is there — so a bad file is found in
 * seconds instead of hours into a run. Bad records go to the budget (logged, and fatal past its limit).
 */
public final class DataCheck {
    /**
     * What one pass found.
     *
     * @param samples    good samples by type ({@code text}, {@code document}, {@code chat})
     * @param categories eval/RL items by category
     */
    public record Report(int files, long total, Map<String, Long> samples, long withImages, long images,
                         long withReasoning, long prompts, Map<String, Long> categories, long badRecords,
                         double seconds) {
        public double samplesPerSecond() {
            return seconds <= 0 ? 0 : total / seconds;
        }
    }

    private DataCheck() {}

    public static Report run(List<Path> paths, SampleKind kind, ImageCheck check, int workers, BadRecords bad) {
        List<DataFile> files = DataFiles.expand(paths);
        ReaderOptions options = ReaderOptions.builder().kind(kind).imageCheck(check).shuffleBuffer(0)
                .shuffleFiles(false).epochs(1).build();
        long start = System.nanoTime();
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> categories = new TreeMap<>();
        long total = 0;
        long withImages = 0;
        long images = 0;
        long withReasoning = 0;
        long prompts = 0;
        try (SampleStream stream = workers <= 1 ? new DataReader(files, options, bad)
                : new ParallelReader(files, options, workers, 64, bad, null)) {
            Sample s;
            while ((s = stream.next()) != null) {
                total++;
                byType.merge(type(s), 1L, Long::sum);
                int n = s.images().size();
                images += n;
                if (n > 0) {
                    withImages++;
                }
                if (s instanceof Sample.Chat chat) {
                    if (chat.turns().stream().anyMatch(t -> t.role() == Role.ASSISTANT && hasReasoning(t))) {
                        withReasoning++;
                    }
                    if (chat.reference() != null) {
                        prompts++;
                        String category = chat.reference().category();
                        categories.merge(category == null ? "(none)" : category, 1L, Long::sum);
                    }
                }
            }
        }
        return new Report(files.size(), total, byType, withImages, images, withReasoning, prompts, categories,
                bad.count(), (System.nanoTime() - start) / 1e9);
    }

    private static boolean hasReasoning(Turn t) {
        return t.reasoning() != null && !t.reasoning().isBlank();
    }

    private static String type(Sample s) {
        if (s instanceof Sample.Text) {
            return "text";
        }
        return s instanceof Sample.Document ? "document" : "chat";
    }
}
