/**
 * The {@code step3vl} command host: the picocli root command, the PF4J plugin host that adds each
 * plugin's {@link io.step3vl.plugin.StageCommand} as a subcommand, and the conventions every command
 * inherits (config precedence, dry runs, one-line errors, exit codes, progress mode).
 * {@link io.step3vl.cli.Step3vl} is the entry point for embedding and black-box tests;
 * {@link io.step3vl.cli.Main} is the launcher's main class.
 */
package io.step3vl.cli;
