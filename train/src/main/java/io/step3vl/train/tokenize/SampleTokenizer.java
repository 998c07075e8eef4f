package io.step3vl.train.tokenize;

import io.step3vl.common.UserError;
import io.step3vl.image.CropPlan;
import io.step3vl.image.ImageProcessor;
import io.step3vl.image.ImageTokenIds;
import io.step3vl.train.data.ImageRef;
import io.step3vl.train.data.Part;
import io.step3vl.train.data.Role;
import io.step3vl.train.data.Sample;
import io.step3vl.train.data.Turn;
import io.step3vl.train.data.pack.AssistantScope;
import io.step3vl.train.data.pack.LossMasks;
import io.step3vl.train.data.pack.RenderedConversation;
import io.step3vl.train.data.pack.TokenizedSample;
import io.step3vl.train.data.pack.TurnSpan;
import io.step3vl.tokenizer.TextTokenizer;
import io.step3vl.tokenizer.chat.ChatOptions;
import io.step3vl.tokenizer.chat.ChatTemplate;
import io.step3vl.tokenizer.chat.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Turns a {@link Sample} into a {@link TokenizedSample}. Pre-training text and documents: every text
 * token trained, an end-of-text token appended, image tokens never trained. Conversations: the chat
 * template renders the turns; each turn's span is what rendering it adds to the rendering of the turns
 * before it, and its role header is what the template's generation prompt adds (so with thinking on,
 * {@code <|im_start|>assistant\n<think>\n} — given at inference — is not trained, while the reasoning,
 * the answer and {@code <|im_end|>} are). Samples with nothing to train return null (the packer counts them).
 */
public final class SampleTokenizer implements Function<Sample, TokenizedSample> {
    private final TextTokenizer tokenizer;
    private final ChatTemplate template;
    private final ImageProcessor images;
    private final AssistantScope scope;
    private final int endOfText;
    private final int imagePlaceholder;
    private final Set<Integer> imageTokens = new HashSet<>();
    private final Set<Integer> endOfTurn = new HashSet<>();

    /**
     * @param endOfText appended to pre-training samples (the checkpoint's {@code <|endoftext|>} / bos id)
     * @param endOfTurnIds ids that close a turn (e.g. {@code <|im_end|>}); the turn's span ends after the last one
     */
    public SampleTokenizer(TextTokenizer tokenizer, ChatTemplate template, ImageProcessor images, AssistantScope scope,
                           int endOfText, List<Integer> endOfTurnIds) {
        this.tokenizer = tokenizer;
        this.template = template;
        this.images = images;
        this.scope = scope;
        this.endOfText = endOfText;
        ImageTokenIds ids = images.tokenIds();
        this.imagePlaceholder = ids.imagePatch();
        imageTokens.add(ids.imagePatch());
        imageTokens.add(ids.imageStart());
        imageTokens.add(ids.imageEnd());
        imageTokens.add(ids.patchStart());
        imageTokens.add(ids.patchEnd());
        imageTokens.add(ids.patchNewline());
        endOfTurn.addAll(endOfTurnIds);
    }

    /** Tokens that belong to an image's layout: never trained. */
    public IntPredicate isImageToken() {
        return imageTokens::contains;
    }

    @Override
    public TokenizedSample apply(Sample sample) {
        if (sample instanceof Sample.Text text) {
            int[] tokens = append(toInts(tokenizer.encode(text.text())), endOfText);
            return trainedOrNull(new TokenizedSample(tokens, LossMasks.pretrain(tokens, isImageToken()), List.of(), text.origin()));
        }
        if (sample instanceof Sample.Document doc) {
            IntList tokens = new IntList();
            for (Part part : doc.parts()) {
                if (part instanceof Part.Text t) {
                    tokens.addAll(toInts(tokenizer.encode(t.text())));
                } else if (part instanceof Part.Image i) {
                    tokens.addAll(layout(i.image()));
                }
            }
            tokens.add(endOfText);
            int[] ids = tokens.toArray();
            return trainedOrNull(new TokenizedSample(ids, LossMasks.pretrain(ids, isImageToken()), doc.images(), doc.origin()));
        }
        Sample.Chat chat = (Sample.Chat) sample;
        RenderedConversation rendered = render(chat.turns());
        boolean[] mask = LossMasks.sft(rendered, isImageToken(), scope);
        return trainedOrNull(new TokenizedSample(rendered.tokens(), mask, chat.images(), chat.origin()));
    }

    /** Renders the turns with the template and finds each turn's header and content span in tokens. */
    public RenderedConversation render(List<Turn> turns) {
        List<Message> messages = new ArrayList<>();
        for (Turn t : turns) {
            messages.add(toMessage(t));
        }
        ChatOptions plain = ChatOptions.TRAIN;
        IntList tokens = new IntList();
        List<TurnSpan> spans = new ArrayList<>();
        Iterator<ImageRef> imageOrder = turns.stream().flatMap(t -> t.images().stream()).iterator();
        String before = template.render(List.of(), plain, tokenizer);
        for (int k = 0; k < messages.size(); k++) {
            List<Message> prefix = messages.subList(0, k);
            String after = template.render(messages.subList(0, k + 1), plain, tokenizer);
            if (!after.startsWith(before)) {
                throw new UserError("chat template " + template.origin() + ": rendering turn " + (k + 1)
                        + " changes the text of earlier turns; training needs a template whose renderings of growing "
                        + "conversations extend each other (the toolkit's template does)");
            }
            String piece = after.substring(before.length());
            String header = headerOf(prefix, piece, turns.get(k).role());
            int start = tokens.size();
            tokens.addAll(expandImages(toInts(tokenizer.encode(header)), imageOrder));
            int contentStart = tokens.size();
            tokens.addAll(expandImages(toInts(tokenizer.encode(piece.substring(header.length()))), imageOrder));
            int end = tokens.size();
            while (end > contentStart && !endOfTurn.contains(tokens.get(end - 1))) {
                end--;
            }
            spans.add(new TurnSpan(turns.get(k).role(), start, contentStart, end == contentStart ? tokens.size() : end));
            before = after;
        }
        return new RenderedConversation(tokens.toArray(), spans);
    }

    /**
     * The role header at the start of {@code piece}: what the template's generation prompt adds (with
     * thinking on, then off) when the piece starts with it, else the first line.
     */
    private String headerOf(List<Message> prefix, String piece, Role role) {
        if (role == Role.ASSISTANT) {
            String base = template.render(prefix, ChatOptions.TRAIN, tokenizer);
            for (boolean thinking : new boolean[] {true, false}) {
                String prompt = template.render(prefix, ChatOptions.GENERATE.withThinking(thinking), tokenizer);
                if (prompt.startsWith(base)) {
                    String header = prompt.substring(base.length());
                    if (!header.isEmpty() && piece.startsWith(header)) {
                        return header;
                    }
                }
            }
        }
        int newline = piece.indexOf('\n');
        return newline < 0 ? "" : piece.substring(0, newline + 1);
    }

    private int[] expandImages(int[] ids, Iterator<ImageRef> imageOrder) {
        IntList out = new IntList();
        for (int id : ids) {
            if (id == imagePlaceholder) {
                if (!imageOrder.hasNext()) {
                    throw new UserError("chat template rendered more image placeholders than the sample has images");
                }
                out.addAll(layout(imageOrder.next()));
            } else {
                out.add(id);
            }
        }
        return out.toArray();
    }

    /** The token layout of one image, from its size alone (pixels are processed when batches are built). */
    private int[] layout(ImageRef image) {
        CropPlan plan = images.plan(image.width(), image.height());
        return images.layout().expand(plan, images.tokenIds());
    }

    private static Message toMessage(Turn turn) {
        List<io.step3vl.tokenizer.chat.Part> parts = new ArrayList<>();
        for (Part p : turn.content()) {
            if (p instanceof Part.Text t) {
                parts.add(new io.step3vl.tokenizer.chat.Part.Text(t.text()));
            } else if (p instanceof Part.Image i) {
                parts.add(new io.step3vl.tokenizer.chat.Part.Image(i.image().reference()));
            }
        }
        return new Message(turn.role().word(), parts, turn.reasoning());
    }

    private static TokenizedSample trainedOrNull(TokenizedSample s) {
        return LossMasks.any(s.trained()) ? s : null;
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    private static int[] append(int[] ids, int last) {
        int[] out = java.util.Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = last;
        return out;
    }

    /** A growable int array (avoids boxing on the tokenisation path). */
    private static final class IntList {
        private int[] data = new int[64];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        void addAll(int[] vs) {
            for (int v : vs) {
                add(v);
            }
        }

        int get(int i) {
            return data[i];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
