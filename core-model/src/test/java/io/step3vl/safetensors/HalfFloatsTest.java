package io.step3vl.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {
    @Test
    void everyF16BitPatternRoundTripsThroughFloat() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = HalfFloats.f16ToFloat((short) bits);
            if (Float.isNaN(f)) {
                assertThat((bits >>> 10) & 0x1F).isEqualTo(0x1F);
                continue;
            }
            assertThat(HalfFloats.floatToF16(f) & 0xFFFF).as("bits %04x", bits).isEqualTo(bits);
        }
    }

    @Test
    void f16KnownValues() {
        assertThat(HalfFloats.f16ToFloat((short) 0x3C00)).isEqualTo(1.0f);
        assertThat(HalfFloats.f16ToFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(HalfFloats.f16ToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(HalfFloats.f16ToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(HalfFloats.f16ToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloats.floatToF16(65520f) & 0xFFFF).isEqualTo(0x7C00); // rounds up to infinity
        assertThat(HalfFloats.floatToF16(1.0f + 0x1p-11f) & 0xFFFF).isEqualTo(0x3C00); // tie to even
        assertThat(HalfFloats.floatToF16(1.0f + 0x1p-11f + 0x1p-20f) & 0xFFFF).isEqualTo(0x3C01);
        assertThat(HalfFloats.floatToF16(0x1p-25f) & 0xFFFF).isEqualTo(0); // tie to even zero
        assertThat(HalfFloats.floatToF16(0x1.8p-25f) & 0xFFFF).isEqualTo(1);
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertThat(HalfFloats.floatToBf16(1.0f) & 0xFFFF).isEqualTo(0x3F80);
        // 1 + 2^-8 is exactly halfway between bf16 1.0 and 1.0078125: ties to even (1.0)
        assertThat(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(1.0f + 0x1p-8f))).isEqualTo(1.0f);
        assertThat(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(1.0f + 0x1p-8f + 0x1p-20f))).isEqualTo(1.0078125f);
        assertThat(Float.isNaN(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(Float.NaN)))).isTrue();
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = HalfFloats.bf16ToFloat((short) bits);
            if (!Float.isNaN(f)) {
                assertThat(HalfFloats.floatToBf16(f) & 0xFFFF).isEqualTo(bits);
            }
        }
    }
}
