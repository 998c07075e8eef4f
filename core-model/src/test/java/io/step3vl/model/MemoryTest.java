package io.step3vl.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.model.config.Presets;
import io.step3vl.model.decoder.KvCache;
import io.step3vl.model.runtime.ModelRuntime;
import io.step3vl.model.runtime.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Steps leak nothing: the parameter manager never gains arrays, and resident memory stays flat over 200 passes. */
class MemoryTest {
    static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void twoHundredForwardPassesKeepResidentMemoryFlat() throws IOException {
        ModelConfig config = Presets.get("tiny");
        ModelRuntime runtime = ModelRuntime.cpu();
        try (NDManager root = runtime.newManager();
             StepVLModel model = new StepVLModel(config, WeightInit.parameters(config, 1, root.newSubManager(), Precision.FP32),
                     Precision.FP32)) {
            NDManager paramManager = model.parameters().manager();
            int paramArrays = paramManager.getManagedArrays().size();
            long warm = 0;
            for (int pass = 0; pass < 200; pass++) {
                try (NDManager step = root.newSubManager()) {
                    // every 4th pass runs the vision tower too (alternating with and without a crop);
                    // the others text only: the machine is shared and the tower dominates the time
                    TinyInputs in = new TinyInputs(step, config, pass % 8 == 0 ? 1 : 0, pass);
                    if (pass % 4 == 0) {
                        model.forward(in.ids, in.positions, in.images, null);
                    } else {
                        model.forward(in.textIds, in.positions, null, null);
                    }
                    try (KvCache cache = model.newCache(step, 1, 8)) {
                        int held = step.getManagedArrays().size();
                        model.decoder().prefill(model.decoder().embed(in.textIds), in.positions, null, cache, 16);
                        // exactly the two results (embeddings, hidden states) stay in the step manager
                        assertThat(step.getManagedArrays()).hasSize(held + 2);
                    }
                }
                assertThat(paramManager.getManagedArrays()).as("pass %d", pass).hasSize(paramArrays);
                if (pass == 19) {
                    System.gc();
                    warm = residentKb();
                }
            }
            System.gc();
            long end = residentKb();
            assertThat((double) end).as("VmRSS after warm-up %d kB, after 200 passes %d kB", warm, end)
                    .isLessThanOrEqualTo(warm * 1.10);
        }
    }
}
