package io.step3vl.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.step3vl.common.UserError;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LrScheduleTest {

    @Test
    void warmupRisesLinearlyToThePeak() {
        LrSchedule s = LrSchedule.warmupDecay(1e-3, 1e-4, 10, 110, LrSchedule.Decay.COSINE, LrSchedule.Unit.STEPS);
        assertThat(s.lr(0, 0)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.lr(4, 0)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.lr(9, 0)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.lr(10, 0)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.lr(60, 0)).isCloseTo(5.5e-4, within(1e-12)); // cosine midpoint
        assertThat(s.lr(110, 0)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.lr(500, 0)).isCloseTo(1e-4, within(1e-12)); // floor after the horizon
    }

    @Test
    void linearDecayIsLinear() {
        LrSchedule s = LrSchedule.warmupDecay(1.0, 0.0, 0, 100, LrSchedule.Decay.LINEAR, LrSchedule.Unit.STEPS);
        assertThat(s.lr(25, 0)).isCloseTo(0.75, within(1e-12));
        assertThat(s.lr(50, 0)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void paperTwoPhaseScheduleHitsItsEndpointsByTokens() {
        // 1.2T tokens, phase 1 = 900B (0.75): 5e-5 -> 1e-5, phase 2: 1e-5 -> 6e-6
        long total = 1_200_000_000_000L;
        LrSchedule s = LrSchedule.twoPhase(5e-5, 1e-5, 1e-5, 6e-6, 0.75, 0, total,
                LrSchedule.Decay.LINEAR, LrSchedule.Unit.TOKENS);
        assertThat(s.lr(0, 0)).isCloseTo(5e-5, within(1e-15));
        assertThat(s.lr(0, 450_000_000_000L)).isCloseTo(3e-5, within(1e-15));
        assertThat(s.lr(0, 899_999_999_999L)).isCloseTo(1e-5, within(1e-12));
        assertThat(s.lr(0, 900_000_000_000L)).isCloseTo(1e-5, within(1e-15));
        assertThat(s.lr(0, 1_050_000_000_000L)).isCloseTo(8e-6, within(1e-15));
        assertThat(s.lr(0, total)).isCloseTo(6e-6, within(1e-15));
        assertThat(s.describe()).contains("phase 2");
    }

    @Test
    void invalidHorizonIsRejected() {
        assertThatThrownBy(() -> LrSchedule.warmupDecay(1, 0, 20, 10, LrSchedule.Decay.LINEAR, LrSchedule.Unit.STEPS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freezeParsesAndClassifiesReleaseTensorNames() {
        assertThat(Freeze.parse("vision, projector")).containsExactlyInAnyOrder(Freeze.VISION, Freeze.PROJECTOR);
        assertThat(Freeze.parse("none")).isEmpty();
        assertThatThrownBy(() -> Freeze.parse("vision,lm"))
                .isInstanceOf(UserError.class).hasMessageContaining("'lm'");
        Set<Freeze> vision = Set.of(Freeze.VISION);
        assertThat(Freeze.isFrozen(vision, "vision_model.transformer.resblocks.0.attn.in_proj_weight")).isTrue();
        assertThat(Freeze.isFrozen(vision, "vision_model.vit_downsampler1.weight")).isFalse();
        assertThat(Freeze.componentOf("vit_large_projector.weight")).isEqualTo(Freeze.PROJECTOR);
        assertThat(Freeze.componentOf("lm_head.weight")).isEqualTo(Freeze.DECODER);
    }
}
