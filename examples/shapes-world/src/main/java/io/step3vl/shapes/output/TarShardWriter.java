package io.step3vl.shapes.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes WebDataset shards {@code <prefix>-000000.tar[.gz|.zst]}: each sample is a run of members
 * {@code <key>.<ext>} with the same key, and a new shard starts every {@code samplesPerShard}
 * samples. Entries have mtime 0, owner 0/0 and mode 0644 so the bytes depend only on the content.
 */
public final class TarShardWriter implements AutoCloseable {
    private final Path dir;
    private final String prefix;
    private final ShardCompression compression;
    private final int samplesPerShard;
    private final List<Path> shards = new ArrayList<>();
    private TarArchiveOutputStream tar;
    private int samplesInShard;
    private long samples;

    public TarShardWriter(Path dir, String prefix, ShardCompression compression, int samplesPerShard) {
        if (samplesPerShard < 1) {
            throw new IllegalArgumentException("samples per shard must be positive");
        }
        this.dir = dir;
        this.prefix = prefix;
        this.compression = compression;
        this.samplesPerShard = samplesPerShard;
    }

    /**
     * Appends one sample. {@code members} maps the extension (e.g. {@code png}, {@code json},
     * {@code 0.png}) to the bytes, in the order they are written; the key must not contain a dot.
     */
    public void write(String key, Map<String, byte[]> members) {
        if (key.indexOf('.') >= 0 || key.indexOf('/') >= 0) {
            throw new IllegalArgumentException("a WebDataset key may not contain '.' or '/': " + key);
        }
        try {
            if (tar == null || samplesInShard == samplesPerShard) {
                startShard();
            }
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(key + "." + member.getKey());
                entry.setSize(member.getValue().length);
                entry.setModTime(0L);
                entry.setMode(0100644);
                entry.setIds(0, 0);
                entry.setNames("", "");
                tar.putArchiveEntry(entry);
                tar.write(member.getValue());
                tar.closeArchiveEntry();
            }
            samplesInShard++;
            samples++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write shard " + currentShard() + ": " + e.getMessage(), e);
        }
    }

    public List<Path> shards() {
        return List.copyOf(shards);
    }

    public long samples() {
        return samples;
    }

    private void startShard() throws IOException {
        finishShard();
        Path file = dir.resolve(String.format("%s-%06d%s", prefix, shards.size(), compression.extension()));
        Files.createDirectories(dir);
        OutputStream out = compression.wrap(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        shards.add(file);
        samplesInShard = 0;
    }

    private void finishShard() throws IOException {
        if (tar != null) {
            tar.finish();
            tar.close();
            tar = null;
        }
    }

    private Path currentShard() {
        return shards.isEmpty() ? dir : shards.get(shards.size() - 1);
    }

    @Override
    public void close() {
        try {
            finishShard();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish shard " + currentShard() + ": " + e.getMessage(), e);
        }
    }
}
