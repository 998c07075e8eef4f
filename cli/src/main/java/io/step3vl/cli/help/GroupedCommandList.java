package io.step3vl.cli.help;

import io.step3vl.plugin.StageCommand;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Renders the root command's subcommands in sections taken from {@link StageCommand#group()}: Training,
 * Inference &amp; evaluation, Models &amp; data, then any other section names alphabetically, and Other
 * last; commands sorted by name within a section, one column width across all sections.
 */
public final class GroupedCommandList implements IHelpSectionRenderer {
    private static final List<String> STANDARD_ORDER = List.of(StageCommand.TRAINING,
            StageCommand.INFERENCE_AND_EVALUATION, StageCommand.MODELS_AND_DATA);

    private final Map<String, String> groupOfCommand;

    /** @param groupOfCommand command name &rarr; section; unknown commands go to "Other" */
    public GroupedCommandList(Map<String, String> groupOfCommand) {
        this.groupOfCommand = Map.copyOf(groupOfCommand);
    }

    @Override
    public String render(Help help) {
        Map<String, Help> visible = help.subcommands();
        if (visible.isEmpty()) {
            return "";
        }
        Map<String, Map<String, Help>> sections = new TreeMap<>(sectionOrder());
        int nameWidth = 0;
        for (Map.Entry<String, Help> entry : visible.entrySet()) {
            String group = groupOfCommand.getOrDefault(entry.getKey(), StageCommand.OTHER);
            sections.computeIfAbsent(group, g -> new TreeMap<>()).put(entry.getKey(), entry.getValue());
            nameWidth = Math.max(nameWidth, entry.getKey().length());
        }
        nameWidth = Math.min(nameWidth, help.commandSpec().usageMessage().width() / 2);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Map<String, Help>> section : sections.entrySet()) {
            out.append(System.lineSeparator()).append(section.getKey()).append(':').append(System.lineSeparator());
            TextTable table = TextTable.forColumns(help.colorScheme(),
                    new Column(nameWidth + 4, 2, Column.Overflow.SPAN),
                    new Column(help.commandSpec().usageMessage().width() - (nameWidth + 4), 2, Column.Overflow.WRAP));
            for (Help command : section.getValue().values()) {
                Help.Ansi.Text[] lines = help.colorScheme().text(summary(command)).splitLines();
                for (int i = 0; i < lines.length; i++) {
                    table.addRowValues(i == 0 ? command.commandNamesText(", ") : help.colorScheme().text(""), lines[i]);
                }
            }
            out.append(table);
        }
        return out.toString();
    }

    /** The first line of the command's header, or else of its description. */
    private static String summary(Help command) {
        UsageMessageSpec usage = command.commandSpec().usageMessage();
        String[] text = usage.header().length > 0 ? usage.header() : usage.description();
        return text.length == 0 ? "" : text[0];
    }

    private static Comparator<String> sectionOrder() {
        return Comparator.comparingInt((String s) -> {
            if (s.equals(StageCommand.OTHER)) {
                return STANDARD_ORDER.size() + 1;
            }
            int index = STANDARD_ORDER.indexOf(s);
            return index >= 0 ? index : STANDARD_ORDER.size();
        }).thenComparing(Comparator.naturalOrder());
    }
}
