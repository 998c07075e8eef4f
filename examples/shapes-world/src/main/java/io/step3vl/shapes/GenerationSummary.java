package io.step3vl.shapes;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a generation wrote: records per dataset, images, and the task mix per split.
 *
 * @param records    dataset name → records written (e.g. {@code sft → 1000})
 * @param taskCounts split → category → examples
 */
public record GenerationSummary(Path out, Map<String, Long> records, long images, long imageBytes,
                                Map<String, Map<String, Integer>> taskCounts, double seconds) {
    public double imagesPerSecond() {
        return seconds <= 0 ? 0 : images / seconds;
    }
}
