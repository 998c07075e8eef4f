package io.step3vl.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Build step: the workload recorded into the class-data sharing archive ({@code lib/step3vl.jsa}) that
 * makes every later start faster. It runs the light commands a user starts most often (help, version,
 * plugins, completion) against the distribution, discarding their output. Run by dist's pom with
 * {@code -XX:ArchiveClassesAtExit}.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        Step3vl host = Step3vl.builder().env(Map.of()).out(sink).err(sink).interactive(false).build();
        String[][] runs = {{"--help"}, {"--version"}, {"plugins"}, {"plugins", "--json"}, {"completion", "bash"},
            {"doctor", "--help"}, {"no-such-command"}};
        for (String[] run : runs) {
            host.execute(run);
        }
    }
}
