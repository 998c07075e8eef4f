package io.step3vl.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * step3vl.json: the provenance fields, a format version and the manifest (size + SHA-256) of every
 * other file in the checkpoint. It is written last into the staging directory, so a reader can check
 * that everything it lists is present.
 *
 * @param formatVersion {@link #FORMAT_VERSION} for files this code writes
 * @param provenance    where the checkpoint came from
 * @param manifest      every file of the checkpoint except step3vl.json itself
 */
public record ProvenanceFile(int formatVersion, Provenance provenance, FileManifest manifest) {
    public static final String FORMAT = "step3vl-checkpoint";
    public static final int FORMAT_VERSION = 1;

    static ObjectNode toJson(Provenance provenance, FileManifest manifest) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("format", FORMAT);
        node.put("format_version", FORMAT_VERSION);
        node.setAll(provenance.toJson());
        ObjectNode files = node.putObject("files");
        manifest.files().forEach((path, entry) ->
                files.putObject(path).put("size", entry.size()).put("sha256", entry.sha256()));
        return node;
    }

    /** Reads {@code dir/step3vl.json}; every problem is a {@link UserError} naming the file and field. */
    public static ProvenanceFile read(Path dir) {
        Path file = dir.resolve(CheckpointLayout.PROVENANCE);
        JsonNode node = Json.readTree(file);
        if (!node.isObject()) {
            throw UserError.at(file, "expected a JSON object");
        }
        if (!FORMAT.equals(node.path("format").asText())) {
            throw UserError.at(file, "format: expected \"" + FORMAT + "\", got " + node.path("format"));
        }
        JsonNode version = node.path("format_version");
        if (!version.canConvertToInt() || version.asInt() < 1) {
            throw UserError.at(file, "format_version: expected a positive integer, got " + version);
        }
        if (version.asInt() > FORMAT_VERSION) {
            throw UserError.at(file, "format_version " + version.asInt()
                    + " was written by a newer step3vl (this one reads up to " + FORMAT_VERSION + ")");
        }
        return new ProvenanceFile(version.asInt(), Provenance.fromJson(node, file), readManifest(node, file));
    }

    private static FileManifest readManifest(JsonNode node, Path file) {
        JsonNode files = node.path("files");
        if (!files.isObject()) {
            throw UserError.at(file, "files: expected an object {path: {size, sha256}}");
        }
        SortedMap<String, FileManifest.Entry> entries = new TreeMap<>();
        files.fields().forEachRemaining(e -> {
            String path = e.getKey();
            JsonNode size = e.getValue().path("size");
            JsonNode sha = e.getValue().path("sha256");
            if (!size.canConvertToExactIntegral() || size.asLong() < 0) {
                throw UserError.at(file, "files." + path + ".size: expected a non-negative integer");
            }
            if (!sha.isTextual() || !sha.asText().matches("[0-9a-f]{64}")) {
                throw UserError.at(file, "files." + path + ".sha256: expected 64 lower-case hex digits");
            }
            if (SafePaths.problem(path) != null) {
                throw UserError.at(file, "files." + path + ": expected a relative path inside the checkpoint");
            }
            entries.put(path, new FileManifest.Entry(size.asLong(), sha.asText()));
        });
        return new FileManifest(entries);
    }
}
