package io.step3vl.tokenizer.toy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Json;
import io.step3vl.tokenizer.AddedToken;
import io.step3vl.tokenizer.TokenizerFiles;
import io.step3vl.tokenizer.bpe.BpeModel;
import io.step3vl.tokenizer.bpe.TokenizerJsonWriter;
import io.step3vl.tokenizer.chat.ChatTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a byte-level BPE model as the tokenizer files of a toolkit checkpoint: tokenizer.json with
 * the toolkit's special tokens right after the model's pieces, tokenizer_config.json (Qwen-style:
 * no BOS added, eos {@code <|im_end|>}, pad {@code <|endoftext|>}, the chat template) and
 * chat_template.jinja. Each file is written atomically.
 */
public final class ToolkitTokenizerWriter {
    /**
     * The toolkit's special tokens in id order (contract §3): text-format tokens, the two think tags
     * (not special, so skip-special decoding keeps them, as in Qwen3), STEP3-VL's image markers and
     * five reserved slots.
     */
    public static final List<String> SPECIAL_TOKENS = List.of(
            "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>", "</think>",
            "<im_patch>", "<im_start>", "<im_end>", "<patch_start>", "<patch_end>", "<patch_newline>",
            "<|reserved_0|>", "<|reserved_1|>", "<|reserved_2|>", "<|reserved_3|>", "<|reserved_4|>");

    private ToolkitTokenizerWriter() {}

    /** The special tokens numbered from {@code firstId}. */
    public static List<AddedToken> specialTokens(long firstId) {
        List<AddedToken> tokens = new ArrayList<>();
        for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
            String content = SPECIAL_TOKENS.get(i);
            boolean special = !content.equals("<think>") && !content.equals("</think>");
            tokens.add(new AddedToken(firstId + i, content, special));
        }
        return tokens;
    }

    /** Writes tokenizer.json, tokenizer_config.json and chat_template.jinja into {@code dir}. */
    public static void write(Path dir, BpeModel model) {
        List<AddedToken> specials = specialTokens(model.size());
        String template = ChatTemplate.toolkitSource();
        AtomicFiles.writeString(dir.resolve(TokenizerFiles.TOKENIZER_JSON), TokenizerJsonWriter.write(model, specials));
        AtomicFiles.writeString(dir.resolve(TokenizerFiles.TOKENIZER_CONFIG_JSON), tokenizerConfig(specials, template));
        AtomicFiles.writeString(dir.resolve(TokenizerFiles.CHAT_TEMPLATE_JINJA), template);
    }

    static String tokenizerConfig(List<AddedToken> specials, String template) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("add_bos_token", false);
        root.put("add_prefix_space", false);
        ObjectNode decoder = root.putObject("added_tokens_decoder");
        ArrayNode additional = Json.MAPPER.createArrayNode();
        for (AddedToken token : specials) {
            decoder.putObject(Long.toString(token.id()))
                    .put("content", token.content())
                    .put("lstrip", false)
                    .put("normalized", false)
                    .put("rstrip", false)
                    .put("single_word", false)
                    .put("special", token.special());
            if (token.special() && !token.content().equals("<|endoftext|>")) {
                additional.add(token.content());
            }
        }
        root.set("additional_special_tokens", additional);
        root.putNull("bos_token");
        root.put("chat_template", template);
        root.put("clean_up_tokenization_spaces", false);
        root.put("eos_token", "<|im_end|>");
        root.put("errors", "replace");
        root.put("pad_token", "<|endoftext|>");
        root.put("split_special_tokens", false);
        root.put("tokenizer_class", "Qwen2Tokenizer");
        root.putNull("unk_token");
        return Json.pretty(root) + "\n";
    }
}
