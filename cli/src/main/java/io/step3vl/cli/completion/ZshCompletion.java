package io.step3vl.cli.completion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A native zsh completion script: one {@code _arguments} function per command, with option
 * descriptions, value candidates ({@code --device cpu|gpu|auto}), file completion for path-typed
 * values and subcommand dispatch. Works autoloaded from {@code $fpath} (as {@code _step3vl}) or
 * sourced.
 */
public final class ZshCompletion {
    private ZshCompletion() {}

    public static String script(CommandLine root) {
        String name = root.getCommandName();
        StringBuilder out = new StringBuilder();
        out.append("#compdef ").append(name).append('\n')
                .append("# zsh completion for ").append(name)
                .append(", generated from its commands and installed plugins by '")
                .append(name).append(" completion zsh'.\n")
                .append("# Install: save as _").append(name)
                .append(" in a folder on $fpath (before compinit runs), or: source <(")
                .append(name).append(" completion zsh)\n\n");
        writeFunction(out, root.getCommandSpec(), functionName(root.getCommandSpec()));
        String main = functionName(root.getCommandSpec());
        out.append("if [[ \"${funcstack[1]}\" == \"").append(main).append("\" ]]; then\n")
                .append("  ").append(main).append(" \"$@\"\n")
                .append("else\n")
                .append("  compdef ").append(main).append(' ').append(name).append('\n')
                .append("fi\n");
        return out.toString();
    }

    private static void writeFunction(StringBuilder out, CommandSpec spec, String function) {
        List<CommandSpec> children = new ArrayList<>();
        for (Map.Entry<String, CommandLine> entry : spec.subcommands().entrySet()) {
            CommandSpec child = entry.getValue().getCommandSpec();
            // subcommands() also maps aliases; keep each command once, under its own name
            if (entry.getKey().equals(child.name()) && !child.usageMessage().hidden()) {
                children.add(child);
            }
        }
        List<String> specs = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                specs.add(optionSpec(option));
            }
        }
        if (!children.isEmpty()) {
            specs.add("'1:command:->command'");
            specs.add("'*::arg:->args'");
        } else {
            for (PositionalParamSpec positional : spec.positionalParameters()) {
                if (!positional.hidden()) {
                    specs.add(positionalSpec(positional));
                }
            }
        }
        out.append(function).append("() {\n")
                .append("  local context state state_descr line\n")
                .append("  typeset -A opt_args\n")
                .append("  _arguments -C -s -S");
        for (String s : specs) {
            out.append(" \\\n    ").append(s);
        }
        out.append('\n');
        if (!children.isEmpty()) {
            out.append("  case $state in\n")
                    .append("    command)\n")
                    .append("      local -a commands\n")
                    .append("      commands=(\n");
            for (CommandSpec child : children) {
                out.append("        ").append(quote(child.name().replace(":", "\\:") + ":" + summary(child)))
                        .append('\n');
            }
            out.append("      )\n")
                    .append("      _describe -t commands ").append(quote(spec.qualifiedName(" ") + " command"))
                    .append(" commands\n")
                    .append("      ;;\n")
                    .append("    args)\n")
                    .append("      case $line[1] in\n");
            for (CommandSpec child : children) {
                List<String> names = new ArrayList<>();
                names.add(child.name());
                names.addAll(Arrays.asList(child.aliases()));
                out.append("        ").append(String.join("|", names.stream().map(ZshCompletion::quote).toList()))
                        .append(") ").append(functionName(child)).append(" ;;\n");
            }
            out.append("      esac\n")
                    .append("      ;;\n")
                    .append("  esac\n");
        }
        out.append("}\n\n");
        for (CommandSpec child : children) {
            writeFunction(out, child, functionName(child));
        }
    }

    private static String optionSpec(OptionSpec option) {
        String[] names = option.names();
        boolean takesValue = option.arity().max() > 0;
        boolean repeatable = option.isMultiValue();
        List<String> spelled = new ArrayList<>();
        for (String n : names) {
            spelled.add(takesValue ? n + (n.startsWith("--") ? "=" : "+") : n);
        }
        String rest = "[" + bracketEscape(summary(option.description())) + "]";
        if (takesValue) {
            rest += ":" + label(option.paramLabel()) + ":" + action(option.completionCandidates(),
                    option.auxiliaryTypes()[0], option.paramLabel());
        }
        if (names.length == 1) {
            return quote((repeatable ? "*" : "") + spelled.get(0) + rest);
        }
        // '(-v --verbose)'{-v,--verbose}'[...]': either spelling, once (or '*' when repeatable)
        String exclusion = repeatable ? "*" : "(" + String.join(" ", names) + ")";
        return quote(exclusion) + "{" + String.join(",", spelled) + "}" + quote(rest);
    }

    private static String positionalSpec(PositionalParamSpec positional) {
        boolean many = positional.arity().max() > 1 || positional.index().isUnspecified()
                || positional.index().max() > positional.index().min();
        String position = many ? "*" : String.valueOf(positional.index().min() + 1);
        return quote(position + ":" + label(positional.paramLabel()) + ":"
                + action(positional.completionCandidates(), positional.auxiliaryTypes()[0], positional.paramLabel()));
    }

    /** The zsh action completing a value (of element type {@code type}): candidates, files, dirs or nothing. */
    private static String action(Iterable<String> candidates, Class<?> type, String label) {
        if (candidates != null) {
            List<String> words = new ArrayList<>();
            candidates.forEach(c -> words.add(c.replaceAll("([\\\\ ()'\"])", "\\\\$1")));
            if (!words.isEmpty()) {
                return "(" + String.join(" ", words) + ")";
            }
        }
        if (Path.class.isAssignableFrom(type) || java.io.File.class.isAssignableFrom(type)) {
            return label.toUpperCase(java.util.Locale.ROOT).contains("DIR") ? "_files -/" : "_files";
        }
        return " ";
    }

    private static String label(String paramLabel) {
        String text = paramLabel.replaceAll("[<>]", "").replace(":", "");
        return text.isBlank() ? "value" : text;
    }

    /** First sentence of the description, without picocli variables such as ${DEFAULT-VALUE}. */
    static String summary(String[] description) {
        String text = String.join(" ", description)
                .replaceAll("\\s*Default:\\s*\\$\\{[^}]*}\\.?", "")
                .replaceAll("\\$\\{[^}]*}", "")
                .replaceAll("%n", " ")
                .replaceAll("\\s+", " ")
                .strip();
        int stop = text.indexOf(". ");
        if (stop >= 0) {
            text = text.substring(0, stop);
        }
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        return summary(header.length > 0 ? header : spec.usageMessage().description());
    }

    private static String functionName(CommandSpec spec) {
        return "_" + spec.qualifiedName("_").replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String bracketEscape(String text) {
        return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    /** Single-quotes a word for zsh. */
    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
