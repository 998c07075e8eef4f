package io.step3vl.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
    @TempDir
    Path home;

    @Test
    void aHealthyInstallationPassesEveryCheck() {
        Distribution.Result r = new Distribution(home).run("doctor");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^ok +java +17\\.")
                .containsPattern("(?m)^ok +offline +OPT_OUT_TRACKING=true, DJL offline")
                .containsPattern("(?m)^ok +engine +DJL 0\\.36\\.0, PyTorch 2\\.7\\.1$")
                .containsPattern("(?m)^ok +natives +" + Distribution.ENGINE_CACHE)
                .containsPattern("(?m)^ok +cpu +\\d+ threads available to the JVM$")
                .containsPattern("(?m)^ok +matmul cpu\\(\\) +2x2 product correct \\(")
                .containsPattern("(?m)^ok +plugins +8 loaded from " + Distribution.HOME.resolve("plugins") + "$")
                .endsWith("All checks passed.\n");
        for (String id : new String[] {"data", "eval", "infer", "model", "pretrain", "serve", "sft", "tokenize"}) {
            assertThat(r.out()).containsPattern("(?m)^ok +plugin " + id + " +STARTED 0\\.1\\.0-SNAPSHOT, commands: ");
        }
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aBrokenPluginFailsTheDoctorWithAdvice() throws Exception {
        Path plugins = home.resolve("plugins");
        Files.createDirectories(plugins);
        Path broken = Files.writeString(plugins.resolve("broken.jar"), "garbage");
        Distribution.Result r = new Distribution(home).env("STEP3VL_PLUGINS", plugins.toString())
                .run("doctor", "--json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode report = Json.MAPPER.readTree(r.out());
        assertThat(report.get("healthy").asBoolean()).isFalse();
        JsonNode failed = null;
        for (JsonNode check : report.get("checks")) {
            if (check.get("status").asText().equals("FAIL")) {
                assertThat(failed).as("only one failing check").isNull();
                failed = check;
            }
        }
        assertThat(failed).isNotNull();
        assertThat(failed.get("name").asText()).isEqualTo("plugin broken.jar");
        assertThat(failed.get("detail").asText()).startsWith("FAILED: not a readable jar (");
        assertThat(failed.get("advice").asText()).isEqualTo("fix or remove " + broken);
    }
}
