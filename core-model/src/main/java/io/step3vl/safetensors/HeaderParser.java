package io.step3vl.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.step3vl.common.UserError;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a safetensors header against the size of the data section that follows it.
 * Everything a reader later relies on is checked here: known dtypes, non-negative shapes, spans
 * inside the data section, span length = element count × element size, no two spans overlapping.
 */
final class HeaderParser {
    /** The format's own cap (the reference implementation refuses larger headers). */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    static final String METADATA_KEY = "__metadata__";

    /** Strict JSON: a duplicated tensor name is an error, not a silent overwrite. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    record Header(Map<String, TensorInfo> tensors, Map<String, String> metadata) {}

    private final String source;

    HeaderParser(String source) {
        this.source = source;
    }

    /**
     * Checks the 8-byte length prefix against the file size and returns the header length.
     *
     * @param fileSize total bytes in the file
     */
    long headerLength(long rawLength, long fileSize) {
        if (fileSize < 8) {
            throw fail("truncated: " + fileSize + " bytes, a safetensors file needs at least the 8-byte header length");
        }
        if (rawLength <= 0 || rawLength > MAX_HEADER_BYTES) {
            throw fail("header length " + Long.toUnsignedString(rawLength) + " is outside 1.." + MAX_HEADER_BYTES
                    + " (not a safetensors file?)");
        }
        if (rawLength > fileSize - 8) {
            throw fail("truncated: header claims " + rawLength + " bytes but only " + (fileSize - 8) + " follow");
        }
        return rawLength;
    }

    /** Parses {@code json} (the header bytes) for a data section of {@code dataBytes} bytes. */
    Header parse(ByteBuffer json, long dataBytes) {
        String text = decodeUtf8(json);
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw fail("malformed header JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw fail("header is not a JSON object");
        }
        Map<String, String> metadata = Map.of();
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (METADATA_KEY.equals(e.getKey())) {
                metadata = parseMetadata(e.getValue());
            } else {
                tensors.put(e.getKey(), parseEntry(e.getKey(), e.getValue(), dataBytes));
            }
        }
        checkNoOverlaps(tensors);
        return new Header(Collections.unmodifiableMap(tensors), metadata);
    }

    private String decodeUtf8(ByteBuffer json) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(json).toString();
        } catch (CharacterCodingException e) {
            throw fail("header is not valid UTF-8");
        }
    }

    private Map<String, String> parseMetadata(JsonNode node) {
        if (!node.isObject()) {
            throw fail(METADATA_KEY + ": expected an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw fail(METADATA_KEY + "." + e.getKey() + ": expected a string, got " + e.getValue().getNodeType());
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return Collections.unmodifiableMap(out);
    }

    private TensorInfo parseEntry(String name, JsonNode node, long dataBytes) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw fail(where + ": expected an object with dtype, shape, data_offsets");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw fail(where + ": dtype: expected a string such as \"F32\"");
        }
        DType dtype = DType.fromHeader(dtypeNode.textValue()).orElseThrow(() -> fail(where + ": dtype: unknown \""
                + dtypeNode.textValue() + "\", expected one of " + java.util.Arrays.toString(DType.values())));
        long[] shape = nonNegativeLongs(node.get("shape"), where + ": shape", -1);
        long[] offsets = nonNegativeLongs(node.get("data_offsets"), where + ": data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw fail(where + ": data_offsets [" + begin + ", " + end + "] end before begin");
        }
        if (end > dataBytes) {
            throw fail(where + ": data_offsets end " + end + " lies past the data section (" + dataBytes
                    + " bytes; file truncated?)");
        }
        long expectedBytes;
        try {
            long count = 1;
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            expectedBytes = Math.multiplyExact(count, (long) dtype.byteSize());
        } catch (ArithmeticException e) {
            throw fail(where + ": shape " + java.util.Arrays.toString(shape) + " overflows");
        }
        if (expectedBytes != end - begin) {
            throw fail(where + ": shape " + java.util.Arrays.toString(shape) + " x " + dtype + " is "
                    + expectedBytes + " bytes but data_offsets span " + (end - begin));
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private long[] nonNegativeLongs(JsonNode node, String where, int requiredLength) {
        if (node == null || !node.isArray()) {
            throw fail(where + ": expected an array of non-negative integers");
        }
        if (requiredLength >= 0 && node.size() != requiredLength) {
            throw fail(where + ": expected " + requiredLength + " integers, got " + node.size());
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw fail(where + "[" + i + "]: expected a non-negative integer, got " + v);
            }
            out[i] = v.longValue();
        }
        return out;
    }

    private void checkNoOverlaps(Map<String, TensorInfo> tensors) {
        List<TensorInfo> byOffset = new ArrayList<>(tensors.values());
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        TensorInfo previous = null;
        for (TensorInfo t : byOffset) {
            if (t.byteLength() == 0) {
                continue; // empty tensors own no bytes and cannot collide
            }
            if (previous != null && t.begin() < previous.end()) {
                throw fail("tensor '" + t.name() + "': data_offsets [" + t.begin() + ", " + t.end()
                        + "] overlap tensor '" + previous.name() + "' [" + previous.begin() + ", " + previous.end() + "]");
            }
            previous = t;
        }
    }

    UserError fail(String message) {
        return UserError.at(source, message);
    }
}
