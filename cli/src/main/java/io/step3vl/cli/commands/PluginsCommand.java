package io.step3vl.cli.commands;

import io.step3vl.cli.plugins.PluginHost;
import io.step3vl.cli.plugins.PluginInfo;
import io.step3vl.cli.plugins.PluginLocations;
import io.step3vl.common.ExitCode;
import io.step3vl.common.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code step3vl plugins}: what is installed, where it came from, and whether it loaded. */
@Command(name = "plugins",
        description = {"List installed plugins.",
            "Shows each plugin jar's id, version, state, provider, commands and source path; a plugin "
                + "that failed to load is listed with state FAILED or DISABLED."},
        footer = {"%nExamples:",
            "  step3vl plugins",
            "  step3vl plugins --json",
            "  step3vl --plugins-dir ./my-plugins plugins",
            "  STEP3VL_PLUGINS=~/jars/hello.jar step3vl plugins"})
public final class PluginsCommand implements Callable<Integer> {
    private static final String[] HEADER = {"ID", "VERSION", "STATE", "PROVIDER", "COMMANDS", "SOURCE"};

    @Mixin
    HostOptions options;

    @Spec
    CommandSpec spec;

    private final PluginHost host;
    private final PluginLocations locations;

    public PluginsCommand(PluginHost host, PluginLocations locations) {
        this.host = host;
        this.locations = locations;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (options.json()) {
            out.println(Json.pretty(asJson(host.plugins())));
        } else if (host.plugins().isEmpty()) {
            out.println("No plugins installed. Looked in: " + describe(locations.entries()));
        } else {
            out.print(table(host.plugins()));
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The listing as aligned columns; absent values print as "-". */
    static String table(List<PluginInfo> plugins) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PluginInfo p : plugins) {
            rows.add(new String[] {orDash(p.id()), orDash(p.version()), p.state(), orDash(p.provider()),
                p.commands().isEmpty() ? "-" : String.join(",", p.commands()), p.source().toString()});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }

    static List<Map<String, Object>> asJson(List<PluginInfo> plugins) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PluginInfo p : plugins) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", p.id());
            item.put("version", p.version());
            item.put("state", p.state());
            item.put("provider", p.provider());
            item.put("description", p.description());
            item.put("requires", p.requires());
            item.put("commands", p.commands());
            item.put("source", p.source().toString());
            item.put("problem", p.problem());
            list.add(item);
        }
        return list;
    }

    private static String describe(List<Path> entries) {
        if (entries.isEmpty()) {
            return "(nowhere: no distribution plugins/ folder, $STEP3VL_PLUGINS or --plugins-dir)";
        }
        List<String> names = new ArrayList<>();
        entries.forEach(e -> names.add(e.toString()));
        return String.join(", ", names);
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
