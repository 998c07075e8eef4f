package io.step3vl.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weights of a checkpoint: one {@code model.safetensors} or shards listed by
 * {@code model.safetensors.index.json} ({@code {"metadata": {...}, "weight_map": {tensor: shard file}}}).
 * Shards are found only through the index, never by file-name pattern (the release names them
 * {@code model-00001.safetensors}, others {@code -of-N}). Every shard header is validated on open; tensor
 * bytes are mapped lazily on read.
 */
public final class TensorStore implements TensorReader {
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path source;
    private final Map<String, SafetensorsFile> owner;      // tensor name -> the shard holding it
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;
    private final List<SafetensorsFile> files;

    private TensorStore(Path source, Map<String, SafetensorsFile> owner, Map<String, String> metadata,
                        List<SafetensorsFile> files) {
        this.source = source;
        this.owner = owner;
        this.metadata = metadata;
        this.files = files;
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        owner.forEach((name, file) -> infos.put(name, file.info(name)));
        this.tensors = Collections.unmodifiableMap(infos);
    }

    /**
     * Opens a checkpoint directory (index json preferred over {@code model.safetensors}), an index json
     * file, or a single safetensors file.
     */
    public static TensorStore open(Path path) {
        if (Files.isDirectory(path)) {
            Path index = path.resolve(INDEX_FILE);
            if (Files.isRegularFile(index)) {
                return openIndex(index);
            }
            Path single = path.resolve(SINGLE_FILE);
            if (Files.isRegularFile(single)) {
                return openSingle(single);
            }
            throw UserError.at(path, "no " + SINGLE_FILE + " or " + INDEX_FILE + " in this directory");
        }
        if (!Files.exists(path)) {
            throw UserError.at(path, "no such file or directory");
        }
        return path.getFileName().toString().endsWith(".json") ? openIndex(path) : openSingle(path);
    }

    private static TensorStore openSingle(Path file) {
        SafetensorsFile f = SafetensorsFile.open(file);
        Map<String, SafetensorsFile> owner = new LinkedHashMap<>();
        f.names().forEach(n -> owner.put(n, f));
        return new TensorStore(file, owner, f.metadata(), List.of(f));
    }

    private static TensorStore openIndex(Path index) {
        JsonNode root = Json.readTree(index);
        JsonNode weightMap = root.get("weight_map");
        if (weightMap == null || !weightMap.isObject() || weightMap.isEmpty()) {
            throw UserError.at(index, "weight_map: expected a non-empty object {tensor name: shard file}");
        }
        Path dir = index.toAbsolutePath().getParent();
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> owner = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String tensor = e.getKey();
                if (!e.getValue().isTextual()) {
                    problems.add("weight_map." + tensor + ": expected a shard file name");
                    continue;
                }
                String shardName = e.getValue().textValue();
                SafetensorsFile shard = shards.get(shardName);
                if (shard == null && !shards.containsKey(shardName)) {
                    shard = openShard(dir, shardName, problems);
                    shards.put(shardName, shard);
                }
                if (shard == null) {
                    continue; // the shard's own problem is already reported
                }
                if (!shard.contains(tensor)) {
                    problems.add("weight_map." + tensor + ": not in shard " + shardName);
                    continue;
                }
                owner.put(tensor, shard);
            }
            if (!problems.isEmpty()) {
                throw UserError.at(index, problems.size() + " problem(s): " + String.join("; ", problems));
            }
        } catch (RuntimeException e) {
            shards.values().stream().filter(java.util.Objects::nonNull).forEach(SafetensorsFile::close);
            throw e;
        }
        List<SafetensorsFile> files = shards.values().stream().toList();
        return new TensorStore(index, owner, indexMetadata(root), files);
    }

    private static SafetensorsFile openShard(Path dir, String shardName, List<String> problems) {
        Path shardPath;
        try {
            shardPath = dir.resolve(shardName).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            problems.add("shard '" + shardName + "': not a valid file name");
            return null;
        }
        if (Path.of(shardName).isAbsolute() || !shardPath.getParent().equals(dir.normalize())) {
            problems.add("shard '" + shardName + "': must be a file name in the index's directory");
            return null;
        }
        if (!Files.isRegularFile(shardPath)) {
            problems.add("shard '" + shardName + "': file is missing");
            return null;
        }
        try {
            return SafetensorsFile.open(shardPath);
        } catch (UserError e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /** The index's {@code metadata} object with every value as a string ({@code total_size} is a number). */
    private static Map<String, String> indexMetadata(JsonNode root) {
        JsonNode meta = root.get("metadata");
        Map<String, String> out = new LinkedHashMap<>();
        if (meta != null && meta.isObject()) {
            meta.fields().forEachRemaining(e -> out.put(e.getKey(),
                    e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The file or index this store was opened from. */
    public Path source() {
        return source;
    }

    /** The safetensors files behind this store (one, or every shard in index order). */
    public List<Path> files() {
        return files.stream().map(SafetensorsFile::path).toList();
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    @Override
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    @Override
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public TensorInfo info(String name) {
        return shardOf(name).info(name);
    }

    @Override
    public float[] readFloat(String name) {
        return shardOf(name).readFloat(name);
    }

    @Override
    public long[] readLong(String name) {
        return shardOf(name).readLong(name);
    }

    @Override
    public ByteBuffer bytes(String name) {
        return shardOf(name).bytes(name);
    }

    @Override
    public void readInto(String name, long offset, ByteBuffer dst) {
        shardOf(name).readInto(name, offset, dst);
    }

    private SafetensorsFile shardOf(String name) {
        SafetensorsFile f = owner.get(name);
        if (f == null) {
            throw UserError.at(source, "no tensor named '" + name + "'");
        }
        return f;
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }

    @Override
    public String toString() {
        return "TensorStore[" + source + ", " + tensors.size() + " tensors in " + files.size() + " file(s)]";
    }
}
