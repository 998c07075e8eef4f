package io.step3vl.inference.pacore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import io.step3vl.inference.SamplingParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaCoReConfigTest {
    private final SamplingParams sampling = SamplingParams.sampled(100, 0);

    @Test
    void presetsMatchTheReport() {
        assertThat(PaCoReConfig.preset("low", sampling, 0, 1).allRounds()).containsExactly(4, 1);
        assertThat(PaCoReConfig.preset("MEDIUM", sampling, 0, 1).allRounds()).containsExactly(16, 1);
        assertThat(PaCoReConfig.preset("high", sampling, 0, 1).allRounds()).containsExactly(32, 4, 1);
        assertThatThrownBy(() -> PaCoReConfig.presetRounds("max")).isInstanceOf(UserError.class)
                .hasMessageContaining("low, medium or high");
    }

    @Test
    void parsesRoundVectors() {
        assertThat(PaCoReConfig.parseRounds("32,4")).containsExactly(32, 4);
        assertThat(PaCoReConfig.parseRounds("[16]")).containsExactly(16);
        assertThatThrownBy(() -> PaCoReConfig.parseRounds("4,x")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> new PaCoReConfig(List.of(4, 0), sampling, 0, 1)).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> new PaCoReConfig(List.of(), sampling, 0, 1)).isInstanceOf(UserError.class);
    }

    @Test
    void contextMustLeaveRoomForThePrompt() {
        assertThatThrownBy(() -> new PaCoReConfig(List.of(4), sampling, 100, 1)).isInstanceOf(UserError.class)
                .hasMessageContaining("max-context");
        assertThat(new PaCoReConfig(List.of(4), sampling, 150, 1).promptBudget()).isEqualTo(50);
        assertThat(new PaCoReConfig(List.of(4), sampling, 0, 1).promptBudget()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void derivedSeedsAreStableDistinctAndJsonSafe() {
        assertThat(Seeds.derive(42, 0, 1)).isEqualTo(Seeds.derive(42, 0, 1));
        assertThat(Seeds.derive(42, 0, 1)).isNotEqualTo(Seeds.derive(42, 1, 0)).isNotEqualTo(Seeds.derive(43, 0, 1));
        for (int i = 0; i < 1000; i++) {
            long s = Seeds.derive(i, i, -1);
            assertThat(s).isBetween(0L, (1L << 53) - 1);
        }
        assertThat(Seeds.derive(7, "item-1")).isEqualTo(Seeds.derive(7, "item-1")).isNotEqualTo(Seeds.derive(7, "item-2"));
    }
}
