package io.step3vl.tokenizer.bpe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The texts of a training corpus file, handed out one document at a time: plain text (the whole file
 * is one document), or JSONL in the toolkit's data formats, where a record's documents are its
 * {@code text}, the text parts of its {@code content}, and the content and {@code reasoning_content}
 * of each of its {@code messages}. A {@code .gz} suffix is decompressed on the fly.
 */
public final class CorpusTexts {
    private CorpusTexts() {}

    /** Feeds every document of {@code file} to {@code sink}; returns how many there were. */
    public static long read(Path file, Consumer<String> sink) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean gz = name.endsWith(".gz");
        String base = gz ? name.substring(0, name.length() - 3) : name;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gz ? new GZIPInputStream(raw) : raw) {
            if (base.endsWith(".jsonl") || base.endsWith(".json")) {
                return readJsonl(file, in, sink);
            }
            sink.accept(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return 1;
        } catch (NoSuchFileException e) {
            throw UserError.at(file, "no such file");
        } catch (IOException e) {
            throw UserError.at(file, "cannot read: " + e.getMessage());
        }
    }

    private static long readJsonl(Path file, InputStream in, Consumer<String> sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long documents = 0;
        int lineNo = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode record;
            try {
                record = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new UserError(file + ":" + lineNo + ": malformed JSON: " + e.getOriginalMessage());
            }
            long before = documents;
            documents += texts(record, sink);
            if (documents == before && !record.isObject()) {
                throw new UserError(file + ":" + lineNo + ": expected a JSON object with text, content or messages");
            }
        }
        return documents;
    }

    private static long texts(JsonNode record, Consumer<String> sink) {
        long n = 0;
        n += emit(record.path("text"), sink);
        n += content(record.path("content"), sink);
        for (JsonNode message : record.path("messages")) {
            n += content(message.path("content"), sink);
            n += emit(message.path("reasoning_content"), sink);
        }
        return n;
    }

    private static long content(JsonNode content, Consumer<String> sink) {
        if (content.isTextual()) {
            return emit(content, sink);
        }
        long n = 0;
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                n += emit(part.path("text"), sink);
            }
        }
        return n;
    }

    private static long emit(JsonNode node, Consumer<String> sink) {
        if (node.isTextual() && !node.asText().isEmpty()) {
            sink.accept(node.asText());
            return 1;
        }
        return 0;
    }
}
