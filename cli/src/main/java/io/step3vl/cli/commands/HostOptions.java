package io.step3vl.cli.commands;

import picocli.CommandLine.Option;

/** The shared flags that make sense for the host's own commands (no config/out/seed/device). */
public final class HostOptions {
    @Option(names = {"-v", "--verbose"}, description = "More detail; stack traces on errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Only errors and results.")
    boolean quiet;

    @Option(names = "--json", description = "Machine-readable output on stdout.")
    boolean json;

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean json() {
        return json;
    }
}
