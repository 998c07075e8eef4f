package io.step3vl.cli.doctor;

import io.step3vl.cli.plugins.PluginHost;
import io.step3vl.cli.plugins.PluginInfo;
import io.step3vl.cli.plugins.PluginLocations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs the installation checks, in a fixed order, and never throws. */
public final class Doctor {
    private final PluginHost plugins;
    private final PluginLocations locations;
    private final Map<String, String> env;
    private final List<String> commandProblems;

    /**
     * @param commandProblems problems found while adding the plugins' commands to the command tree
     *     (read when the checks run, after the tree is complete)
     */
    public Doctor(PluginHost plugins, PluginLocations locations, Map<String, String> env,
                  List<String> commandProblems) {
        this.plugins = plugins;
        this.locations = locations;
        this.env = Map.copyOf(env);
        this.commandProblems = commandProblems;
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(java());
        checks.add(offline());
        checks.addAll(DjlProbe.run());
        checks.addAll(plugins());
        return checks;
    }

    /** Whether every check passed (warnings allowed). */
    public static boolean healthy(List<Check> checks) {
        return checks.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
    }

    private static Check java() {
        Runtime.Version version = Runtime.version();
        String detail = String.format(Locale.ROOT, "%s (%s) at %s, max heap %.1f GiB", version,
                System.getProperty("java.vendor"), System.getProperty("java.home"),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        if (version.feature() < 17) {
            return Check.fail("java", detail, "step3vl needs Java 17 or newer; set JAVA_HOME to a JDK 17+");
        }
        return Check.ok("java", detail);
    }

    /** DJL phones home (telemetry, downloads) unless told not to; the launcher tells it. */
    private Check offline() {
        boolean tracking = "true".equalsIgnoreCase(env.get("OPT_OUT_TRACKING"));
        boolean offline = "true".equalsIgnoreCase(env.get("DJL_OFFLINE"))
                || "true".equalsIgnoreCase(System.getProperty("ai.djl.offline"));
        if (tracking && offline) {
            return Check.ok("offline", "OPT_OUT_TRACKING=true, DJL offline: DJL makes no network calls");
        }
        return Check.warn("offline", "OPT_OUT_TRACKING=" + env.getOrDefault("OPT_OUT_TRACKING", "(unset)")
                        + ", DJL_OFFLINE=" + env.getOrDefault("DJL_OFFLINE", "(unset)"),
                "run through bin/step3vl, or export OPT_OUT_TRACKING=true DJL_OFFLINE=true, so DJL never "
                        + "sends telemetry or downloads");
    }

    private List<Check> plugins() {
        List<Check> checks = new ArrayList<>();
        int started = 0;
        for (PluginInfo info : plugins.plugins()) {
            String who = info.id() == null ? info.source().getFileName().toString() : info.id();
            if (info.problem() == null) {
                started++;
                checks.add(Check.ok("plugin " + who, info.state() + " " + info.version() + ", commands: "
                        + (info.commands().isEmpty() ? "none" : String.join(", ", info.commands()))));
            } else {
                checks.add(Check.fail("plugin " + who, info.state() + ": " + info.problem(),
                        "fix or remove " + info.source()));
            }
        }
        for (String problem : commandProblems) {
            checks.add(Check.fail("command", problem, "fix the plugin's command class or remove its jar"));
        }
        List<String> where = new ArrayList<>();
        locations.entries().forEach(p -> where.add(p.toString()));
        checks.add(0, Check.ok("plugins", started + " loaded from " + (where.isEmpty() ? "(no locations)"
                : String.join(", ", where))));
        return checks;
    }
}
