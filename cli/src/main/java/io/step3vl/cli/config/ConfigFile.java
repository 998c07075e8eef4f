package io.step3vl.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A {@code --config} file: a flat YAML or JSON mapping from option names (without dashes) to values.
 * Scalars become the option's text; a list suits a multi-value option (joined with its split
 * separator, or one value per element where the option repeats); a mapping suits a map option.
 */
final class ConfigFile {
    private final Path path;
    private final Map<String, JsonNode> values;

    private ConfigFile(Path path, Map<String, JsonNode> values) {
        this.path = path;
        this.values = values;
    }

    static ConfigFile read(Path path) {
        JsonNode root = Json.readTree(path);
        if (!root.isObject()) {
            throw UserError.at(path, "expected a mapping of option names to values (e.g. max-tokens: 64), got "
                    + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), field.getValue());
        }
        return new ConfigFile(path, values);
    }

    Path path() {
        return path;
    }

    List<String> keys() {
        return new ArrayList<>(values.keySet());
    }

    /** The option's value from this file as picocli default text, or null when the key is absent. */
    String valueFor(OptionSpec option, String key) {
        JsonNode node = values.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (!option.isMultiValue()) {
            throw UserError.at(path, key + ": expected a single value, got a "
                    + (node.isArray() ? "list" : "mapping"));
        }
        List<String> parts = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isValueNode()) {
                    throw UserError.at(path, key + ": expected a list of plain values");
                }
                parts.add(item.asText());
            }
        } else {
            node.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        }
        String separator = separator(option);
        if (separator == null && parts.size() > 1) {
            throw UserError.at(path, key + ": option --" + key + " takes one value per occurrence and has no "
                    + "list separator, so the file can give it only one value");
        }
        return String.join(separator == null ? "" : separator, parts);
    }

    /** The literal separator matching the option's split regex, or null when it has none we can use. */
    private static String separator(OptionSpec option) {
        String regex = option.splitRegex();
        if (regex == null || regex.isEmpty()) {
            return null;
        }
        for (String candidate : List.of(",", ";", ":", " ", "|")) {
            if (Pattern.compile(regex).split("a" + candidate + "b").length == 2) {
                return candidate;
            }
        }
        return null;
    }
}
