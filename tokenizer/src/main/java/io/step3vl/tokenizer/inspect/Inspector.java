package io.step3vl.tokenizer.inspect;

import io.step3vl.common.UserError;
import io.step3vl.image.CropPlan;
import io.step3vl.image.ImageDecoder;
import io.step3vl.image.ImageGeometry;
import io.step3vl.image.ImageInfo;
import io.step3vl.image.ImageProcessor;
import io.step3vl.image.ImageTokenIds;
import io.step3vl.image.ImageTokenLayout;
import io.step3vl.image.PixelNormalization;
import io.step3vl.image.RgbImage;
import io.step3vl.model.config.ModelConfig;
import io.step3vl.tokenizer.TextTokenizer;
import io.step3vl.tokenizer.chat.ChatEncoder;
import io.step3vl.tokenizer.chat.ChatJson;
import io.step3vl.tokenizer.chat.ChatOptions;
import io.step3vl.tokenizer.chat.EncodedChat;
import io.step3vl.tokenizer.chat.Message;
import io.step3vl.tokenizer.chat.Part;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;

/** Runs a {@link TokenizeRequest}: encode text, or render and encode a conversation and plan its images. */
public final class Inspector {
    private Inspector() {}

    public static Tokenization run(TokenizeRequest request) {
        try (TextTokenizer tokenizer = TextTokenizer.load(request.model())) {
            return run(tokenizer, request);
        }
    }

    public static Tokenization run(TextTokenizer tokenizer, TokenizeRequest request) {
        String model = request.model().toString();
        if (!request.chatMode()) {
            long[] ids = request.escapeUserText() ? tokenizer.encodePlainText(request.text())
                    : tokenizer.encode(request.text());
            return new Tokenization(model, null, request.text(), tokens(tokenizer, ids), List.of(), ids);
        }
        List<Message> messages = new ArrayList<>(request.chat().map(ChatJson::readFile).orElse(List.of()));
        if (!request.images().isEmpty() || !request.text().isEmpty()) {
            List<Part> parts = new ArrayList<>();
            for (Path image : request.images()) {
                parts.add(new Part.Image(image.toAbsolutePath().normalize().toString()));
            }
            if (!request.text().isEmpty()) {
                parts.add(new Part.Text(request.text()));
            }
            messages.add(Message.user(parts));
        }
        if (messages.isEmpty()) {
            throw new UserError("nothing to tokenize: give TEXT, --chat FILE or --image FILE");
        }
        ChatEncoder encoder = ChatEncoder.of(tokenizer);
        ChatOptions options = ChatOptions.GENERATE.withThinking(request.thinking())
                .withGenerationPrompt(request.generationPrompt());
        EncodedChat encoded = encoder.encode(messages, options, request.escapeUserText());
        List<Tokenization.ImagePlan> images = new ArrayList<>();
        long[] inputIds = encoded.ids();
        if (!encoded.images().isEmpty()) {
            ImageProcessor processor = processor(tokenizer, request.model());
            ImageDecoder decoder = ImageDecoder.withDefaults();
            List<CropPlan> plans = new ArrayList<>();
            for (Part.Image image : encoded.images()) {
                int[] size = dimensions(decoder, image.source());
                CropPlan plan = processor.plan(size[0], size[1]);
                plans.add(plan);
                images.add(new Tokenization.ImagePlan(image.source(), size[0], size[1], plan.summary(), plan.window(),
                        plan.columns(), plan.rows(), plan.numCrops(), plan.numNewlines(), processor.layout().count(plan)));
            }
            inputIds = processor.layout().expandPrompt(encoded.ids(), plans, processor.tokenIds());
        }
        return new Tokenization(model, encoder.template().origin(), encoded.text(), tokens(tokenizer, encoded.ids()),
                images, inputIds);
    }

    private static List<Tokenization.Token> tokens(TextTokenizer tokenizer, long[] ids) {
        List<Tokenization.Token> tokens = new ArrayList<>(ids.length);
        for (long id : ids) {
            tokens.add(new Tokenization.Token(id, tokenizer.vocabulary().piece(id).orElse(""),
                    tokenizer.vocabulary().isSpecial(id)));
        }
        return tokens;
    }

    /**
     * The checkpoint's image processor: geometry and layout from its config.json; without one (a bare
     * tokenizer directory) the release's 728/504/3024 geometry and 169/81 layout. Marker ids always
     * come from the tokenizer.
     */
    static ImageProcessor processor(TextTokenizer tokenizer, Path model) {
        String source = tokenizer.files().tokenizerJson().toString();
        Function<String, Integer> idOf = content -> {
            OptionalLong id = tokenizer.tokenId(content);
            return id.isPresent() ? Math.toIntExact(id.getAsLong()) : null;
        };
        Path dir = Files.isDirectory(model) ? model : tokenizer.files().tokenizerJson().toAbsolutePath().getParent();
        if (Files.isRegularFile(dir.resolve(ModelConfig.CONFIG_FILE))) {
            return ImageProcessor.forModel(ModelConfig.read(dir), idOf, source);
        }
        return new ImageProcessor(ImageGeometry.release(), ImageTokenLayout.release(),
                ImageTokenIds.lookup(idOf, source), PixelNormalization.clip());
    }

    /** Width and height as the processor sees them (EXIF orientation applied), read cheaply where possible. */
    private static int[] dimensions(ImageDecoder decoder, String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            throw new UserError(source + ": remote images are not fetched; download the image and give its path");
        }
        if (lower.startsWith("data:")) {
            RgbImage image = decoder.decodeDataUri(source, "data URI");
            return new int[] {image.width(), image.height()};
        }
        ImageInfo info = decoder.probe(Path.of(source));
        return new int[] {info.width(), info.height()};
    }
}
