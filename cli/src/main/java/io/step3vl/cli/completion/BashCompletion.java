package io.step3vl.cli.completion;

import picocli.AutoComplete;
import picocli.CommandLine;

/** The bash completion script (also usable from zsh via bashcompinit), from picocli's generator. */
public final class BashCompletion {
    private BashCompletion() {}

    /** The script for {@code root}'s full command tree; it defines {@code _complete_<name>}. */
    public static String script(CommandLine root) {
        return AutoComplete.bash(root.getCommandName(), root);
    }
}
