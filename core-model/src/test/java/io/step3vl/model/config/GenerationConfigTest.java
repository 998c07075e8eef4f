package io.step3vl.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationConfigTest {
    @TempDir
    Path dir;

    @Test
    void stopTokensComeFromTheCheckpointFile() throws Exception {
        ModelConfig model = Presets.get("tiny");
        Files.writeString(dir.resolve(GenerationConfig.FILE),
                "{\"eos_token_id\": [498, 497, 7], \"temperature\": 0.6, \"top_p\": 0.95, \"custom\": 1}");
        GenerationConfig g = GenerationConfig.read(dir, model);
        assertThat(g.stopTokenIds()).containsExactly(498, 497, 7);
        assertThat(g.bosTokenId()).isEqualTo(496); // falls back to text_config
        assertThat(g.temperature()).isEqualTo(0.6);
        assertThat(g.topP()).isEqualTo(0.95);
        assertThat(g.topK()).isNull();
        Path out = dir.resolve("again").resolve(GenerationConfig.FILE);
        g.write(out);
        GenerationConfig back = GenerationConfig.read(out.getParent(), model);
        assertThat(back.stopTokenIds()).containsExactly(498, 497, 7);
        assertThat(back.json().get("custom").asInt()).isEqualTo(1);
    }

    @Test
    void withoutTheFileTheModelConfigDecides() {
        GenerationConfig g = GenerationConfig.read(dir, Presets.get("tiny"));
        assertThat(g.stopTokenIds()).containsExactly(498, 496);
    }

    @Test
    void outOfVocabularyStopTokenIsNamed() throws Exception {
        Files.writeString(dir.resolve(GenerationConfig.FILE), "{\"eos_token_id\": 100000}");
        assertThatThrownBy(() -> GenerationConfig.read(dir, Presets.get("tiny"))).isInstanceOf(UserError.class)
                .hasMessageContaining("generation_config.json").hasMessageContaining("eos_token_id");
    }
}
