package io.step3vl.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The shared JSON and YAML mappers, and reading a file into a tree with a one-line error. */
public final class Json {
    /** Compact JSON; unknown properties are tolerated so files from newer versions still load. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** Indented JSON for files people read (config.json, results.json). */
    public static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {}

    /** Reads a JSON file, or a YAML file when its name ends in .yaml/.yml. */
    public static JsonNode readTree(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : MAPPER;
        try {
            JsonNode node = mapper.readTree(Files.readAllBytes(file));
            if (node == null || node.isMissingNode()) {
                throw UserError.at(file, "file is empty, expected a JSON/YAML document");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw UserError.at(file, "no such file");
        } catch (JsonProcessingException e) {
            throw UserError.at(file, "malformed " + (mapper == YAML ? "YAML" : "JSON") + " at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw UserError.at(file, "cannot read: " + e.getMessage());
        }
    }

    /** One-line JSON of any value (records, maps, trees). */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable to JSON: " + value.getClass(), e);
        }
    }

    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable to JSON: " + value.getClass(), e);
        }
    }
}
