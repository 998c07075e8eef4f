package io.step3vl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.step3vl.common.Json;
import io.step3vl.plugin.EffectiveOptions;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code --dry-run} prints: the effective options as YAML (or JSON with {@code --json}) that
 * {@code --config} accepts back unchanged. Its own class so Jackson loads only for dry runs.
 */
final class DryRun {
    private DryRun() {}

    static void print(CommandSpec spec, boolean json, PrintWriter out) {
        Map<String, Object> values = EffectiveOptions.of(spec);
        try {
            if (json) {
                out.println(Json.pretty(values));
            } else {
                ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .build());
                out.println("# " + spec.qualifiedName(" ") + ": effective options "
                        + "(flag > STEP3VL_* variable > config file > default)");
                out.print(yaml.writeValueAsString(values));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("option values not serialisable", e);
        }
        out.flush();
    }
}
