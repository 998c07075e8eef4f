package io.step3vl.train.data.read;

import io.step3vl.train.data.Role;
import io.step3vl.train.data.Sample;
import java.util.Locale;

/**
 * What a source is expected to hold; a record of another kind is a bad record ("expected an SFT
 * record…") rather than something the trainer trips over later.
 */
public enum SampleKind {
    /** Anything parseable. */
    ANY("any record"),
    /** Pre-training: {@code {"text"}} or {@code {"content"}}. */
    PRETRAIN("a pre-training record with \"text\" or \"content\""),
    /** SFT: {@code {"messages"}} with at least one assistant turn. */
    SFT("an SFT record with \"messages\" including an assistant turn"),
    /** RL / eval prompt: {@code {"messages"}} with a user turn and an {@code "answer"}. */
    PROMPT("a prompt record with \"messages\" and \"answer\"");

    private final String description;

    SampleKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean accepts(Sample sample) {
        return switch (this) {
            case ANY -> true;
            case PRETRAIN -> sample instanceof Sample.Text || sample instanceof Sample.Document;
            case SFT -> sample instanceof Sample.Chat chat
                    && chat.turns().stream().anyMatch(t -> t.role() == Role.ASSISTANT);
            case PROMPT -> sample instanceof Sample.Chat chat && chat.reference() != null
                    && chat.turns().stream().anyMatch(t -> t.role() == Role.USER);
        };
    }

    public static SampleKind parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
