package io.step3vl.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import io.step3vl.model.WeightLayout;
import io.step3vl.model.WeightLayout.Component;
import org.junit.jupiter.api.Test;

class PresetsTest {
    @Test
    void everyPresetValidatesAndRoundTrips() {
        for (String name : Presets.names()) {
            ModelConfig c = Presets.get(name);
            ModelConfig back = ModelConfig.fromJson(c.toJson(), name);
            assertThat(back.vision()).as(name).isEqualTo(c.vision());
            assertThat(back.text()).as(name).isEqualTo(c.text());
            assertThat(back.toJson()).as(name).isEqualTo(c.toJson());
        }
    }

    @Test
    void releasePresetHasTheReleaseParameterCount() {
        ModelConfig c = Presets.get("step3-vl-10b");
        WeightLayout layout = WeightLayout.of(c);
        // architecture.md §1.4: computed from the shapes of §1.5
        assertThat(layout.parameterCount()).isEqualTo(10_171_750_144L);
        assertThat(layout.parameterCount(Component.VISION)).isEqualTo(1_743_503_104L);
        assertThat(layout.parameterCount(Component.PROJECTOR)).isEqualTo(42_470_400L + 169_875_456L + 25_165_824L);
        assertThat(layout.parameterCount(Component.DECODER)).isEqualTo(8_190_735_360L);
        assertThat(c.vision().mlpHidden()).isEqualTo(8960);
        assertThat(c.globalImageSize()).isEqualTo(728);
        assertThat(c.cropImageSize()).isEqualTo(504);
        assertThat(c.tokensPerView(728)).isEqualTo(169);
        assertThat(c.tokensPerView(504)).isEqualTo(81);
    }

    @Test
    void tinyUsesTheToyTokenizerIds() {
        ModelConfig c = Presets.get("tiny");
        assertThat(c.text().vocabSize()).isEqualTo(512);
        assertThat(c.imageTokenId()).isEqualTo(501);
        assertThat(c.text().bosTokenId()).isEqualTo(496);
        assertThat(c.text().eosTokenIds()).containsExactly(498, 496);
        assertThat(c.globalImageSize()).isEqualTo(224);
        assertThat(c.cropImageSize()).isEqualTo(168);
        assertThat(c.imageTokenLen()).isEqualTo(16);
        assertThat(c.patchTokenLen()).isEqualTo(9);
        assertThat(WeightLayout.of(c).parameterCount()).isEqualTo(1_475_072L);
    }

    @Test
    void smallIsAboutAHundredMillionParameters() {
        long n = WeightLayout.of(Presets.get("small")).parameterCount();
        assertThat(n).isEqualTo(105_579_264L);
    }

    @Test
    void unknownPresetNamesTheChoices() {
        assertThatThrownBy(() -> Presets.get("huge")).isInstanceOf(UserError.class)
                .hasMessageContaining("huge").hasMessageContaining("tiny");
    }
}
