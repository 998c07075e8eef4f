package io.step3vl.inference.local;

import io.step3vl.common.UserError;
import io.step3vl.image.ImageDecoder;
import io.step3vl.image.ImageProcessor;
import io.step3vl.image.ProcessedImage;
import io.step3vl.inference.ChatMessage;
import io.step3vl.inference.ContentPart;
import io.step3vl.inference.ImageData;
import io.step3vl.model.PixelBatch;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.tokenizer.TextTokenizer;
import io.step3vl.tokenizer.chat.ChatEncoder;
import io.step3vl.tokenizer.chat.ChatOptions;
import io.step3vl.tokenizer.chat.EncodedChat;
import io.step3vl.tokenizer.chat.Message;
import io.step3vl.tokenizer.chat.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversation → model input: the checkpoint's chat template renders it, the tokenizer encodes it,
 * each image is decoded and cut into its global view and crops, and its single placeholder token is
 * replaced by the release's layout ({@code <patch_start> <im_patch>×P <patch_end> …
 * <im_start> <im_patch>×G <im_end>}). Used by the local backend and by training.
 */
public final class PromptEncoder {
    private static final String IMAGE_REF = "step3vl-image:";

    private final TextTokenizer tokenizer;
    private final ChatEncoder chat;
    private final ImageProcessor processor;
    private final ImageDecoder decoder;

    public PromptEncoder(TextTokenizer tokenizer, ChatEncoder chat, ImageProcessor processor, ImageDecoder decoder) {
        this.tokenizer = tokenizer;
        this.chat = chat;
        this.processor = processor;
        this.decoder = decoder;
    }

    /** The encoder of a checkpoint: its tokenizer, its own chat template, an image processor from its config. */
    public static PromptEncoder of(TextTokenizer tokenizer, ModelConfig config, String source) {
        ImageProcessor processor = ImageProcessor.forModel(config, content -> (int) tokenizer.requireTokenId(content), source);
        return new PromptEncoder(tokenizer, ChatEncoder.of(tokenizer), processor, ImageDecoder.withDefaults());
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    public ImageProcessor imageProcessor() {
        return processor;
    }

    /**
     * @param thinking            the template's thinking switch
     * @param generationPrompt    end with the assistant header (inference) or not (training)
     */
    public EncodedPrompt encode(List<ChatMessage> messages, boolean thinking, boolean generationPrompt) {
        List<ImageData> images = new ArrayList<>();
        List<Message> converted = new ArrayList<>();
        for (ChatMessage m : messages) {
            List<Part> parts = new ArrayList<>();
            for (ContentPart part : m.content()) {
                if (part instanceof ContentPart.Text t) {
                    parts.add(new Part.Text(t.text()));
                } else if (part instanceof ContentPart.Image i) {
                    parts.add(new Part.Image(IMAGE_REF + images.size()));
                    images.add(i.image());
                }
            }
            converted.add(new Message(m.role(), parts, m.reasoning()));
        }
        ChatOptions options = ChatOptions.GENERATE.withGenerationPrompt(generationPrompt).withThinking(thinking);
        EncodedChat encoded = chat.encode(converted, options, true);
        if (encoded.imagePositions().length != images.size()) {
            throw new UserError("chat template: rendered " + encoded.imagePositions().length + " image placeholders for "
                    + images.size() + " images; the template must emit one <im_patch> per image");
        }
        List<ProcessedImage> processed = new ArrayList<>();
        for (Part.Image ref : encoded.images()) {
            ImageData data = images.get(Integer.parseInt(ref.source().substring(IMAGE_REF.length())));
            processed.add(processor.process(decoder.decode(data.bytes(), data.origin())));
        }
        return new EncodedPrompt(encoded.text(), expand(encoded, processed), pixels(processed, processor));
    }

    /** Replaces each image placeholder by that image's token layout. */
    private static long[] expand(EncodedChat encoded, List<ProcessedImage> images) {
        long[] ids = encoded.ids();
        int extra = 0;
        for (ProcessedImage image : images) {
            extra += image.tokenIds().length - 1;
        }
        long[] out = new long[ids.length + extra];
        int[] at = encoded.imagePositions();
        int src = 0;
        int dst = 0;
        for (int i = 0; i < at.length; i++) {
            int n = at[i] - src;
            System.arraycopy(ids, src, out, dst, n);
            dst += n;
            for (int token : images.get(i).tokenIds()) {
                out[dst++] = token;
            }
            src = at[i] + 1;
        }
        System.arraycopy(ids, src, out, dst, ids.length - src);
        return out;
    }

    /** The images' views stacked as the model takes them (null when there are none). */
    public static PixelBatch pixels(List<ProcessedImage> images, ImageProcessor processor) {
        if (images.isEmpty()) {
            return null;
        }
        int globalSide = processor.geometry().globalSide();
        int cropSide = processor.geometry().cropSide();
        int globalLen = 3 * globalSide * globalSide;
        int cropTotal = 0;
        for (ProcessedImage image : images) {
            cropTotal += image.cropPixels().length;
        }
        float[] global = new float[images.size() * globalLen];
        float[] crops = new float[cropTotal];
        long[] numPatches = new long[images.size()];
        int c = 0;
        for (int i = 0; i < images.size(); i++) {
            ProcessedImage image = images.get(i);
            System.arraycopy(image.globalPixels(), 0, global, i * globalLen, globalLen);
            System.arraycopy(image.cropPixels(), 0, crops, c, image.cropPixels().length);
            c += image.cropPixels().length;
            numPatches[i] = image.numCrops();
        }
        return new PixelBatch(global, globalSide, crops, cropSide, numPatches);
    }
}
