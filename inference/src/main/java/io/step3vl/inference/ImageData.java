package io.step3vl.inference;

import java.util.Base64;

/**
 * An encoded image (PNG/JPEG/... bytes as in the file) with where it came from, for messages and
 * error text. Decoding happens where pixels are needed (the local backend's preprocessor); an HTTP
 * backend sends the bytes as a data URI.
 */
public record ImageData(byte[] bytes, String mimeType, String origin) {
    public String toDataUri() {
        return "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
