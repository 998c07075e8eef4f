package io.step3vl.cli.commands;

import io.step3vl.cli.doctor.Check;
import io.step3vl.cli.doctor.Doctor;
import io.step3vl.common.ExitCode;
import io.step3vl.common.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code step3vl doctor}: is this installation able to run? */
@Command(name = "doctor",
        description = {"Check Java, the engine, devices and plugins.",
            "Reports the Java runtime, the DJL engine and its native library, the CPU and any CUDA GPUs "
                + "(with a tiny matmul on each), and the state of every plugin. Exits 1 with advice "
                + "when something is wrong."},
        footer = {"%nExamples:",
            "  step3vl doctor",
            "  step3vl doctor --json",
            "  STEP3VL_PLUGINS=./my-plugins step3vl doctor"})
public final class DoctorCommand implements Callable<Integer> {
    @Mixin
    HostOptions options;

    @Spec
    CommandSpec spec;

    private final Doctor doctor;

    public DoctorCommand(Doctor doctor) {
        this.doctor = doctor;
    }

    @Override
    public Integer call() {
        List<Check> checks = doctor.run();
        boolean healthy = Doctor.healthy(checks);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("healthy", healthy);
            List<Map<String, Object>> items = new ArrayList<>();
            for (Check c : checks) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", c.name());
                item.put("status", c.status().toString());
                item.put("detail", c.detail());
                item.put("advice", c.advice());
                items.add(item);
            }
            report.put("checks", items);
            out.println(Json.pretty(report));
        } else {
            int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
            for (Check c : checks) {
                if (options.quiet() && c.status() == Check.Status.OK) {
                    continue;
                }
                out.printf(Locale.ROOT, "%-4s  %-" + width + "s  %s%n", label(c.status()), c.name(), c.detail());
                if (c.advice() != null) {
                    out.printf(Locale.ROOT, "%-4s  %-" + width + "s  advice: %s%n", "", "", c.advice());
                }
            }
            long failures = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
            out.println(healthy ? "All checks passed." : failures + (failures == 1 ? " check" : " checks") + " failed.");
        }
        out.flush();
        return healthy ? ExitCode.OK : ExitCode.FAILURE;
    }

    private static String label(Check.Status status) {
        return switch (status) {
            case OK -> "ok";
            case WARN -> "warn";
            case FAIL -> "FAIL";
        };
    }
}
