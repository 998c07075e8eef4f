package io.step3vl.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import io.step3vl.shapes.output.ShardCompression;
import io.step3vl.shapes.tasks.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapesConfigTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsScaleWithN() {
        ShapesConfig c = ShapesConfig.builder(1, 1000).build();
        assertThat(c.imageSize()).isEqualTo(224);
        assertThat(c.rlN()).isEqualTo(250);
        assertThat(c.benchPerCategory()).isEqualTo(100);
        assertThat(c.tasks()).containsExactly(Task.values());
        assertThat(c.format()).isEqualTo(OutputFormat.JSONL);
    }

    @Test
    void badSettingsNameTheirFlag() {
        assertThatThrownBy(() -> ShapesConfig.builder(1, 0).build()).isInstanceOf(UserError.class)
                .hasMessageStartingWith("n: ");
        assertThatThrownBy(() -> ShapesConfig.builder(1, 5).imageSize(10).build())
                .hasMessageStartingWith("image-size: ");
        assertThatThrownBy(() -> ShapesConfig.builder(1, 5).thinkRatio(1.5).build())
                .hasMessageStartingWith("think-ratio: ");
        assertThatThrownBy(() -> ShapesConfig.builder(1, 5).maxOverlap(0.9).build())
                .hasMessageStartingWith("max-overlap: ");
        assertThatThrownBy(() -> ShapesConfig.builder(1, 5).tasks(List.of()).build())
                .hasMessageStartingWith("tasks: ");
        assertThatThrownBy(() -> ShapesConfig.builder(1, 5).grid(1).build())
                .hasMessageStartingWith("grid: ");
        assertThatThrownBy(() -> ShapesConfig.builder(1, 5).grid(2).build())
                .hasMessageStartingWith("max-objects: ").hasMessageContaining("at most 4");
    }

    @Test
    void parsesFormatsAndCompressions() {
        assertThat(OutputFormat.parse("both").jsonl()).isTrue();
        assertThat(OutputFormat.parse("wds").jsonl()).isFalse();
        assertThat(ShardCompression.parse("zstd").extension()).isEqualTo(".tar.zst");
        assertThat(ShardCompression.parse("tar.gz")).isEqualTo(ShardCompression.GZIP);
        assertThatThrownBy(() -> OutputFormat.parse("csv")).hasMessageContaining("jsonl, wds or both");
    }

    @Test
    void refusesToOverwriteADirectoryThatIsNotADataset() throws Exception {
        Path out = tmp.resolve("precious");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "keep me");
        ShapesGenerator gen = new ShapesGenerator(ShapesConfig.builder(1, 2).benchPerCategory(0).build());
        assertThatThrownBy(() -> gen.generate(out)).isInstanceOf(UserError.class)
                .hasMessageContaining("not a shapes-world dataset");
        assertThat(out.resolve("notes.txt")).hasContent("keep me");
    }
}
