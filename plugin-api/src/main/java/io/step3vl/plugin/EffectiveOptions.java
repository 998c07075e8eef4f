package io.step3vl.plugin;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The option values of a parsed command as a flat, ordered map keyed the way config files are:
 * the option's long name without leading dashes ({@code --max-tokens} &rarr; {@code max-tokens}).
 * What {@code --dry-run} prints and what a stage saves as its effective config; feeding that output
 * back with {@code --config} reproduces the run.
 */
public final class EffectiveOptions {
    private EffectiveOptions() {}

    /** The config-file key of an option: its longest name without leading dashes. */
    public static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** Whether a config file or {@code STEP3VL_*} variable may set this option (not --help/--version). */
    public static boolean isConfigurable(OptionSpec option) {
        return !option.usageHelp() && !option.versionHelp();
    }

    /**
     * Key &rarr; value for every configurable option except {@code config} and {@code dry-run}, in
     * declaration order. Values are plain JSON-friendly objects: strings, numbers, booleans, lists,
     * maps, or {@code null} when unset.
     */
    public static Map<String, Object> of(CommandSpec spec) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String key = key(option);
            if (isConfigurable(option) && !key.equals("config") && !key.equals("dry-run")) {
                values.put(key, plain(option.getValue()));
            }
        }
        return values;
    }

    /** Converts a typed option value to a JSON/YAML-friendly one. */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(EffectiveOptions::plain).orElse(null);
        }
        if (value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(plain(Array.get(value, i)));
            }
            return list;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> list = new ArrayList<>();
            collection.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        return value.toString();
    }
}
