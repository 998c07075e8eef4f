package io.step3vl.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed values out of a JSON object while collecting every problem, so validation reports all
 * bad keys at once ({@code config.json: 2 problems: text_config.hidden_size: ...; vision_config.heads: ...}).
 */
final class ConfigProblems {
    private final String source;
    private final List<String> problems = new ArrayList<>();

    ConfigProblems(String source) {
        this.source = source;
    }

    void add(String key, String message) {
        problems.add(key + ": " + message);
    }

    void check(boolean ok, String key, String message) {
        if (!ok) {
            add(key, message);
        }
    }

    /** Throws one {@link UserError} listing every problem, if there are any. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw UserError.at(source, (problems.size() == 1 ? "" : problems.size() + " problems: ")
                    + String.join("; ", problems));
        }
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    // --- typed getters: a missing key gives the default, a wrong type is recorded and gives the default

    int intValue(JsonNode obj, String prefix, String key, int dflt) {
        JsonNode v = obj.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) <= Integer.MAX_VALUE) {
            return (int) v.doubleValue(); // 4096.0 written by some tools
        }
        add(prefix + key, "expected an integer, got " + v);
        return dflt;
    }

    /** Required positive integer: absent or non-positive is a problem. */
    int positiveInt(JsonNode obj, String prefix, String key) {
        if (!obj.has(key) || obj.get(key).isNull()) {
            add(prefix + key, "missing, expected a positive integer");
            return 1;
        }
        int v = intValue(obj, prefix, key, 1);
        if (v <= 0) {
            add(prefix + key, "expected a positive integer, got " + v);
            return 1;
        }
        return v;
    }

    double doubleValue(JsonNode obj, String prefix, String key, double dflt) {
        JsonNode v = obj.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        add(prefix + key, "expected a number, got " + v);
        return dflt;
    }

    /** Booleans, also spelled as the strings "true"/"false" (the release writes {@code "use_im_start_end": "true"}). */
    boolean boolValue(JsonNode obj, String prefix, String key, boolean dflt) {
        JsonNode v = obj.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.textValue().equalsIgnoreCase("true") || v.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.textValue());
        }
        add(prefix + key, "expected true or false, got " + v);
        return dflt;
    }

    String stringValue(JsonNode obj, String prefix, String key, String dflt) {
        JsonNode v = obj.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        add(prefix + key, "expected a string, got " + v);
        return dflt;
    }

    /** An integer or a list of integers (HF's {@code eos_token_id} takes both); absent gives an empty list. */
    List<Integer> intList(JsonNode obj, String prefix, String key) {
        JsonNode v = obj.get(key);
        List<Integer> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            out.add(v.intValue());
            return out;
        }
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                    add(prefix + key, "expected an integer or a list of integers, got " + v);
                    return new ArrayList<>();
                }
                out.add(e.intValue());
            }
            return out;
        }
        add(prefix + key, "expected an integer or a list of integers, got " + v);
        return out;
    }

    /** A nested object (absent gives an empty one). */
    JsonNode object(JsonNode obj, String prefix, String key) {
        JsonNode v = obj.get(key);
        if (v == null || v.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!v.isObject()) {
            add(prefix + key, "expected an object, got " + v.getNodeType());
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        return v;
    }
}
