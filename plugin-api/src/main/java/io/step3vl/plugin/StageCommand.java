package io.step3vl.plugin;

import org.pf4j.ExtensionPoint;

/**
 * The extension point: a plugin contributes one top-level {@code step3vl} subcommand by shipping a
 * class that is both a PF4J extension and a picocli command.
 *
 * <pre>{@code
 * @Extension
 * @Command(name = "hello", description = "Prints a greeting.",
 *          footer = {"Examples:", "  step3vl hello --name Ada"})
 * public final class HelloCommand implements StageCommand, Callable<Integer> {
 *     @Mixin CommonOptions common;
 *     @Option(names = "--name", defaultValue = "world") String name;
 *
 *     @Override public String group() { return StageCommand.OTHER; }
 *
 *     @Override public Integer call() {
 *         StageContext ctx = common.context();
 *         ctx.stdout().println("hello, " + name);
 *         return ExitCode.OK;
 *     }
 * }
 * }</pre>
 *
 * <p>The host adds the instance with picocli's {@code addSubcommand}, so the class may declare its
 * own options, positional parameters and nested {@code subcommands = {...}}. Its command name (the
 * {@code @Command(name)}) must be unique across the installed plugins; a clash is reported and the
 * later plugin's command is dropped. Errors in user input are reported by throwing
 * {@link io.step3vl.common.UserError}; the host turns it into one line on stderr and exit code 2.
 */
public interface StageCommand extends ExtensionPoint {
    /** Help section for training stages (pretrain, sft, rl...). */
    String TRAINING = "Training";
    /** Help section for inference, serving and evaluation. */
    String INFERENCE_AND_EVALUATION = "Inference & evaluation";
    /** Help section for checkpoints, tokenizers and data tools. */
    String MODELS_AND_DATA = "Models & data";
    /** Help section for everything else (the default). */
    String OTHER = "Other";

    /**
     * The section of {@code step3vl --help} this command is listed under: one of {@link #TRAINING},
     * {@link #INFERENCE_AND_EVALUATION}, {@link #MODELS_AND_DATA}, {@link #OTHER}. Any other string
     * gets its own section, listed before "Other".
     */
    default String group() {
        return OTHER;
    }
}
