package io.step3vl.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.step3vl.common.UserError;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {
    @Test
    void parsesTheFlagValues() {
        assertThat(DeviceChoice.parse("CPU")).isEqualTo(DeviceChoice.CPU);
        assertThat(DeviceChoice.parse(" auto ")).isEqualTo(DeviceChoice.AUTO);
        assertThatThrownBy(() -> DeviceChoice.parse("tpu")).isInstanceOf(UserError.class).hasMessageContaining("--device");
    }

    @Test
    void autoFollowsWhatTheEngineSeesAndCpuMeansFp32() {
        Engine engine = Engines.pytorch();
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
        ModelRuntime auto = ModelRuntime.of(DeviceChoice.AUTO);
        if (engine.getGpuCount() == 0) {
            assertThat(auto.device()).isEqualTo(Device.cpu());
            assertThat(auto.precision()).isEqualTo(Precision.FP32);
            assertThatThrownBy(() -> DeviceChoice.GPU.resolve(engine)).isInstanceOf(UserError.class)
                    .hasMessageContaining("--device gpu");
        } else {
            assertThat(auto.device().isGpu()).isTrue();
            assertThat(auto.precision()).isEqualTo(Precision.FP16);
        }
        assertThat(ModelRuntime.cpu().precision()).isEqualTo(Precision.FP32);
    }
}
