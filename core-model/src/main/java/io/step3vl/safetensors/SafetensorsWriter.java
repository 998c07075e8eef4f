package io.step3vl.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.step3vl.common.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes safetensors files atomically (temp file, fsync, rename). The header carries
 * {@code __metadata__} (at least {@code "format": "pt"}, which Hugging Face's loaders expect) and is
 * padded with spaces to a multiple of 8 bytes. Tensors are laid out in the caller's order, stably
 * grouped by element size (largest first) so every tensor starts aligned to its element size, as the
 * reference writer does.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {}

    /** Writes {@code data} (name → tensor, in iteration order) with {@code metadata} to {@code file}. */
    public static void write(java.nio.file.Path file, Map<String, Tensor> data, Map<String, String> metadata) {
        List<Map.Entry<String, Tensor>> layout = new ArrayList<>(data.entrySet());
        layout.sort(Comparator.comparingInt((Map.Entry<String, Tensor> e) -> -e.getValue().dtype().byteSize()));
        byte[] header = header(layout, metadata);
        AtomicFiles.write(file, out -> {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            out.write(prefix.array());
            out.write(header);
            WritableByteChannel channel = Channels.newChannel(out);
            for (Map.Entry<String, Tensor> e : layout) {
                writeFully(channel, e.getValue().bytes());
            }
            out.flush();
        });
    }

    /** Convenience: {@code write(file, data, Map.of())}. */
    public static void write(java.nio.file.Path file, Map<String, Tensor> data) {
        write(file, data, Map.of());
    }

    /** The space-padded header JSON for tensors laid out in {@code layout} order. */
    static byte[] header(List<Map.Entry<String, Tensor>> layout, Map<String, String> metadata) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.putAll(metadata);
        root.put(HeaderParser.METADATA_KEY, meta);
        long offset = 0;
        for (Map.Entry<String, Tensor> e : layout) {
            if (HeaderParser.METADATA_KEY.equals(e.getKey())) {
                throw new IllegalArgumentException("'" + HeaderParser.METADATA_KEY + "' is reserved, not a tensor name");
            }
            Tensor t = e.getValue();
            long end = offset + t.byteLength();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", t.dtype().name());
            entry.put("shape", t.shape());
            entry.put("data_offsets", new long[] {offset, end});
            root.put(e.getKey(), entry);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeFully(WritableByteChannel channel, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }
}
