package io.step3vl.inference.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads an items file: one JSON object per line with a unique {@code id} and {@code messages}. */
public final class BatchItems {
    private BatchItems() {}

    /** All items, checked up front (JSON, ids, presence of messages); blank lines are skipped. */
    public static List<BatchItem> read(Path file) {
        List<BatchItem> items = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(text);
                } catch (IOException e) {
                    throw UserError.at(file + ":" + line, "malformed JSON: " + firstLine(e.getMessage()));
                }
                if (node == null || !node.isObject()) {
                    throw UserError.at(file + ":" + line, "expected a JSON object per line");
                }
                JsonNode id = node.get("id");
                if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
                    throw UserError.at(file + ":" + line, "id: expected a non-empty string or integer");
                }
                JsonNode messages = node.get("messages");
                if (messages == null || !messages.isArray() || messages.isEmpty()) {
                    throw UserError.at(file + ":" + line, "messages: expected a non-empty array of messages");
                }
                Integer earlier = seen.put(id.asText(), line);
                if (earlier != null) {
                    throw UserError.at(file + ":" + line, "id '" + id.asText() + "' already used on line " + earlier);
                }
                items.add(new BatchItem(id.asText(), node, file, line));
            }
        } catch (NoSuchFileException e) {
            throw UserError.at(file, "no such items file");
        } catch (IOException e) {
            throw UserError.at(file, "cannot read: " + e.getMessage());
        }
        return items;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
