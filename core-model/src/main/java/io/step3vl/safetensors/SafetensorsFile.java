package io.step3vl.safetensors;

import io.step3vl.common.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;

/**
 * One safetensors file, memory-mapped lazily: opening reads and validates only the header; each read
 * maps just that tensor's byte span, so a 20 GB shard costs nothing until its tensors are asked for.
 * Thread-safe for concurrent reads.
 */
public final class SafetensorsFile implements TensorReader {
    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final long fileSize;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, long fileSize, HeaderParser.Header header) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.fileSize = fileSize;
        this.tensors = header.tensors();
        this.metadata = header.metadata();
    }

    /** Opens and validates {@code path}; a malformed file is a {@link UserError} naming it. */
    public static SafetensorsFile open(Path path) {
        HeaderParser parser = new HeaderParser(path.toString());
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw UserError.at(path, "no such file");
        } catch (IOException e) {
            throw UserError.at(path, "cannot open: " + e.getMessage());
        }
        try {
            long size = channel.size();
            ByteBuffer prefix = readFully(channel, 0, (int) Math.min(8, size), path);
            long rawLength = size < 8 ? 0 : prefix.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            long headerLength = parser.headerLength(rawLength, size);
            ByteBuffer json = readFully(channel, 8, (int) headerLength, path);
            long dataStart = 8 + headerLength;
            HeaderParser.Header header = parser.parse(json, size - dataStart);
            return new SafetensorsFile(path, channel, dataStart, size, header);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw UserError.at(path, "cannot read: " + e.getMessage());
        }
    }

    public Path path() {
        return path;
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
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw UserError.at(path, "no tensor named '" + name + "'");
        }
        return info;
    }

    @Override
    public float[] readFloat(String name) {
        TensorInfo info = info(name);
        return Decoding.toFloats(info, bytes(name), path.toString());
    }

    @Override
    public long[] readLong(String name) {
        TensorInfo info = info(name);
        return Decoding.toLongs(info, bytes(name), path.toString());
    }

    /** A read-only, little-endian, memory-mapped view of the tensor's bytes. */
    @Override
    public ByteBuffer bytes(String name) {
        TensorInfo info = info(name);
        long length = info.byteLength();
        if (length > Integer.MAX_VALUE) {
            throw UserError.at(path, "tensor '" + name + "': " + length + " bytes exceed one 2 GiB mapping");
        }
        if (length == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer();
        }
        try {
            // The file may have shrunk since open; touching a mapping past EOF would crash the JVM.
            if (channel.size() != fileSize) {
                throw UserError.at(path, "changed size while open (" + fileSize + " -> " + channel.size()
                        + " bytes) before reading tensor '" + name + "'");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), length)
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw UserError.at(path, "cannot map tensor '" + name + "': " + e.getMessage());
        }
    }

    @Override
    public void readInto(String name, long offset, ByteBuffer dst) {
        TensorInfo info = info(name);
        if (offset < 0 || offset + dst.remaining() > info.byteLength()) {
            throw new IllegalArgumentException("bytes [" + offset + ", " + (offset + dst.remaining())
                    + ") outside tensor '" + name + "' of " + info.byteLength() + " bytes");
        }
        long position = dataStart + info.begin() + offset;
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, position);
                if (n < 0) {
                    throw UserError.at(path, "truncated while reading tensor '" + name + "'");
                }
                position += n;
            }
        } catch (IOException e) {
            throw UserError.at(path, "cannot read tensor '" + name + "': " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length, Path path) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) {
                throw UserError.at(path, "truncated while reading the header");
            }
        }
        return buf.flip();
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // read-only channel: nothing to lose
        }
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + path + ", " + tensors.size() + " tensors]";
    }
}
