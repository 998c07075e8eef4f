package io.step3vl.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.step3vl.model.bench.ModelBench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loading the {@code small} checkpoint (105 M parameters) raises the process's peak resident memory by
 * at most 1.5x the model's FP32 size, stored as F32 or as BF16 (upcast while loading). Each load runs
 * in a fresh JVM: the peak (VmHWM) is per process.
 */
class LoadPeakMemoryTest {
    private static final Pattern RATIO = Pattern.compile("\\(peak - before\\) / FP32 size = ([0-9.]+)");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"f32", "bf16"})
    void loadingSmallPeaksWithinOneAndAHalfTimesItsFp32Size(String dtype) throws Exception {
        Path dir = tmp.resolve("small-" + dtype);
        ModelBench.write(dir, dtype);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                ModelBench.class.getName(), "load", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        Matcher m = RATIO.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as(output).isLessThanOrEqualTo(1.5);
    }
}
