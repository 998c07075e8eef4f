package io.step3vl.train.data;

import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ContentPart;
import java.util.ArrayList;
import java.util.List;

/** One training record, typed; never tokenised here. */
public sealed interface Sample {
    Origin origin();

    /** Every image in order of appearance. */
    List<ImageRef> images();

    /** Pre-training text: {@code {"text": "..."}}. */
    record Text(String text, Origin origin) implements Sample {
        @Override
        public List<ImageRef> images() {
            return List.of();
        }
    }

    /** An interleaved document (caption pairs too): {@code {"content": [parts...]}}. */
    record Document(List<Part> parts, Origin origin) implements Sample {
        public Document {
            parts = List.copyOf(parts);
        }

        @Override
        public List<ImageRef> images() {
            List<ImageRef> images = new ArrayList<>();
            for (Part p : parts) {
                if (p instanceof Part.Image i) {
                    images.add(i.image());
                }
            }
            return images;
        }
    }

    /**
     * A conversation: SFT ({@code reference} null) or an RL/eval prompt with its ground truth.
     */
    record Chat(List<Turn> turns, Reference reference, Origin origin) implements Sample {
        public Chat {
            turns = List.copyOf(turns);
        }

        @Override
        public List<ImageRef> images() {
            List<ImageRef> images = new ArrayList<>();
            for (Turn t : turns) {
                images.addAll(t.images());
            }
            return images;
        }

        /** The turns as the inference API's messages (images loaded), e.g. to roll out an RL prompt. */
        public List<ChatMessage> toChatMessages() {
            List<ChatMessage> messages = new ArrayList<>();
            for (Turn t : turns) {
                List<ContentPart> parts = new ArrayList<>();
                for (Part p : t.content()) {
                    if (p instanceof Part.Text text) {
                        parts.add(new ContentPart.Text(text.text()));
                    } else if (p instanceof Part.Image image) {
                        parts.add(new ContentPart.Image(image.image().toImageData()));
                    }
                }
                messages.add(new ChatMessage(t.role().word(), parts, t.reasoning()));
            }
            return messages;
        }
    }
}
