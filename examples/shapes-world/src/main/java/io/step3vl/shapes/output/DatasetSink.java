package io.step3vl.shapes.output;

import io.step3vl.common.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One dataset (e.g. {@code sft}) written as {@code <name>.jsonl} referring to {@code images/…}, as
 * WebDataset shards {@code wds/<name>-NNNNNN.tar*} carrying the images inside each sample, or both.
 * Callers build a record from the image references this sink hands them, so the JSONL and tar
 * records differ only in those references.
 */
public final class DatasetSink implements AutoCloseable {
    /** Where JSONL records find image files, relative to the JSONL file. */
    public static final String IMAGE_DIR = "images";

    private final String name;
    private final JsonlWriter jsonl;
    private final TarShardWriter shards;
    private long records;

    public DatasetSink(Path root, String name, boolean writeJsonl, boolean writeShards, ShardCompression compression,
                       int shardSize) {
        this.name = name;
        this.jsonl = writeJsonl ? new JsonlWriter(root.resolve(name + ".jsonl")) : null;
        this.shards = writeShards ? new TarShardWriter(root.resolve("wds"), name, compression, shardSize) : null;
    }

    public String name() {
        return name;
    }

    /**
     * A JSON record with images. {@code imageFiles} are the file names under {@link #IMAGE_DIR}
     * (written by the caller for JSONL), {@code pngs} the same images' bytes (stored in the shard).
     */
    public void record(String key, List<String> imageFiles, List<byte[]> pngs,
                       Function<List<String>, Map<String, Object>> build) {
        records++;
        if (jsonl != null) {
            List<String> refs = new ArrayList<>();
            for (String file : imageFiles) {
                refs.add(IMAGE_DIR + "/" + file);
            }
            jsonl.write(build.apply(refs));
        }
        if (shards != null) {
            Map<String, byte[]> members = new LinkedHashMap<>();
            List<String> refs = new ArrayList<>();
            for (int i = 0; i < pngs.size(); i++) {
                String ext = pngs.size() == 1 ? "png" : i + ".png";
                members.put(ext, pngs.get(i));
                refs.add(key + "." + ext);
            }
            members.put("json", Json.line(build.apply(refs)).getBytes(StandardCharsets.UTF_8));
            shards.write(key, members);
        }
    }

    /** An image–caption pair: a {@code [image, text]} document in JSONL, {@code png} + {@code txt} in a shard. */
    public void caption(String key, String imageFile, byte[] png, String caption) {
        records++;
        if (jsonl != null) {
            jsonl.write(Records.caption(key, IMAGE_DIR + "/" + imageFile, caption));
        }
        if (shards != null) {
            Map<String, byte[]> members = new LinkedHashMap<>();
            members.put("png", png);
            members.put("txt", caption.getBytes(StandardCharsets.UTF_8));
            shards.write(key, members);
        }
    }

    /** A text-only pre-training document: {@code {"text"}} in JSONL, {@code txt} in a shard. */
    public void text(String key, String text) {
        records++;
        if (jsonl != null) {
            jsonl.write(Records.textDocument(key, text));
        }
        if (shards != null) {
            shards.write(key, Map.of("txt", text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Records written (each goes to every selected format). */
    public long records() {
        return records;
    }

    /** Files this sink wrote (after {@link #close()}). */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (jsonl != null) {
            files.add(jsonl.file());
        }
        if (shards != null) {
            files.addAll(shards.shards());
        }
        return files;
    }

    @Override
    public void close() {
        if (jsonl != null) {
            jsonl.close();
        }
        if (shards != null) {
            shards.close();
        }
    }
}
