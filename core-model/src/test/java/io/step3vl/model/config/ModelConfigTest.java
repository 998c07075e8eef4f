package io.step3vl.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {
    @TempDir
    Path dir;

    private static Path golden(String caseName) throws Exception {
        return Path.of(ModelConfigTest.class.getClassLoader().getResource("golden/" + caseName + "/config.json").toURI());
    }

    @Test
    void readsTheGoldenConfigWithReleaseDefaultsForAbsentKeys() throws Exception {
        ModelConfig c = ModelConfig.read(golden("c_multimodal_fp32"));
        assertThat(c.modelType()).isEqualTo("step_robotics");
        assertThat(c.architectures()).containsExactly("StepVLForConditionalGeneration");
        assertThat(c.imageTokenId()).isEqualTo(300);
        assertThat(c.vision().width()).isEqualTo(48);
        assertThat(c.vision().headDim()).isEqualTo(16);
        assertThat(c.vision().mlpHidden()).isEqualTo(280); // int(48 * 8960/1536), no mlp_ratio key
        assertThat(c.vision().layerNormEps()).isEqualTo(1e-5);
        assertThat(c.vision().nativeGrid()).isEqualTo(16);
        assertThat(c.text().headDim()).isEqualTo(32);
        assertThat(c.text().groupSize()).isEqualTo(2);
        assertThat(c.text().eosTokenIds()).containsExactly(250, 251);
        assertThat(c.text().bosTokenId()).isEqualTo(250);
        assertThat(c.text().maxPositionEmbeddings()).isEqualTo(65536);
        assertThat(c.globalImageSize()).isEqualTo(224);
        assertThat(c.cropImageSize()).isEqualTo(168);
        assertThat(c.tokensPerView(224)).isEqualTo(16);
        assertThat(c.tokensPerView(168)).isEqualTo(9);
        assertThat(c.useImStartEnd()).isTrue();
    }

    @Test
    void roundTripKeepsEveryOriginalFieldAndValue() throws Exception {
        Path src = golden("a_text_fp32");
        JsonNode original = Json.readTree(src);
        ModelConfig c = ModelConfig.read(src);
        Path out = dir.resolve("config.json");
        c.write(out);
        JsonNode written = Json.readTree(out);
        assertContains(written, original, "");
        assertThat(ModelConfig.read(out)).isEqualTo(ModelConfig.read(out)); // stable
        ModelConfig back = ModelConfig.read(out);
        assertThat(back.vision()).isEqualTo(c.vision());
        assertThat(back.text()).isEqualTo(c.text());
        assertThat(back.imageTokenId()).isEqualTo(c.imageTokenId());
    }

    /** Every field of {@code expected} is in {@code actual} with an equal value (numbers compared numerically). */
    private static void assertContains(JsonNode actual, JsonNode expected, String path) {
        if (expected.isObject()) {
            expected.fields().forEachRemaining(e -> {
                assertThat(actual.has(e.getKey())).as(path + e.getKey()).isTrue();
                assertContains(actual.get(e.getKey()), e.getValue(), path + e.getKey() + ".");
            });
        } else if (expected.isNumber()) {
            assertThat(actual.doubleValue()).as(path).isEqualTo(expected.doubleValue());
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    @Test
    void unknownFieldsSurviveAtEveryLevel() throws Exception {
        ObjectNode json = Presets.get("tiny").toJson();
        json.put("future_top_level", "x");
        ((ObjectNode) json.get("vision_config")).put("future_vision", 7);
        ((ObjectNode) json.get("text_config")).putObject("future_text").put("a", true);
        ModelConfig c = ModelConfig.fromJson(json, "test");
        ObjectNode again = c.toJson();
        assertThat(again.get("future_top_level").asText()).isEqualTo("x");
        assertThat(again.get("vision_config").get("future_vision").asInt()).isEqualTo(7);
        assertThat(again.get("text_config").get("future_text").get("a").asBoolean()).isTrue();
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheKeys() throws Exception {
        ObjectNode json = Presets.get("tiny").toJson();
        ((ObjectNode) json.get("text_config")).put("hidden_size", -1);
        ((ObjectNode) json.get("text_config")).put("num_key_value_heads", 3);
        ((ObjectNode) json.get("vision_config")).put("heads", "four");
        json.put("image_token_id", 99999);
        json.put("model_type", "llama");
        Path file = dir.resolve("config.json");
        Files.writeString(file, Json.pretty(json));
        assertThatThrownBy(() -> ModelConfig.read(file))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("text_config.hidden_size")
                .hasMessageContaining("text_config.num_key_value_heads")
                .hasMessageContaining("vision_config.heads")
                .hasMessageContaining("image_token_id")
                .hasMessageContaining("model_type")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void missingRequiredKeysAndUnsupportedFeaturesAreNamed() {
        ObjectNode json = Presets.get("tiny").toJson();
        ((ObjectNode) json.get("text_config")).remove("vocab_size");
        ((ObjectNode) json.get("text_config")).putObject("rope_scaling").put("type", "yarn");
        json.put("image_token_len", 17);
        assertThatThrownBy(() -> ModelConfig.fromJson(json, "cfg"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("text_config.vocab_size: missing")
                .hasMessageContaining("text_config.rope_scaling")
                .hasMessageContaining("image_token_len: expected 16");
        assertThatThrownBy(() -> ModelConfig.read(dir)).isInstanceOf(UserError.class).hasMessageContaining("config.json");
    }

    @Test
    void scalarEosAndStringBooleansAreAccepted() {
        ObjectNode json = Presets.get("tiny").toJson();
        ((ObjectNode) json.get("text_config")).put("eos_token_id", 498);
        json.put("use_im_start_end", "false");
        ModelConfig c = ModelConfig.fromJson(json, "cfg");
        assertThat(c.text().eosTokenIds()).containsExactly(498);
        assertThat(c.useImStartEnd()).isFalse();
        assertThat(c.toJson().get("text_config").get("eos_token_id").isInt()).isTrue();
    }
}
