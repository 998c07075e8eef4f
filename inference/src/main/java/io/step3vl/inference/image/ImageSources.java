package io.step3vl.inference.image;

import io.step3vl.common.UserError;
import io.step3vl.inference.ImageData;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * Reads an image reference into {@link ImageData}: a file path (relative ones resolved against
 * {@code baseDir}), a {@code data:} URI, or an http(s) URL when remote fetching is allowed. Every
 * source is capped at {@code maxBytes} and must sniff as an image. Thread-safe.
 *
 * <p>Remote fetching happens only for URLs the user wrote (a flag, an items file, a request); the
 * tool never fetches anything on its own.
 */
public final class ImageSources {
    /** 20 MiB: larger than any sensible photo, small enough that a wrong URL cannot fill memory. */
    public static final long DEFAULT_MAX_BYTES = 20L << 20;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Path baseDir;
    private final boolean allowFiles;
    private final boolean allowRemote;
    private final long maxBytes;
    private final Duration timeout;
    private volatile HttpClient http;

    private ImageSources(Path baseDir, boolean allowFiles, boolean allowRemote, long maxBytes, Duration timeout) {
        this.baseDir = baseDir;
        this.allowFiles = allowFiles;
        this.allowRemote = allowRemote;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /** Files (relative to {@code baseDir}), data URIs and http(s) URLs: for input the user wrote. */
    public static ImageSources forUserInput(Path baseDir) {
        return new ImageSources(baseDir, true, true, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT);
    }

    /**
     * For a server: never the server's own files (a client must not read them); URLs only when
     * {@code allowRemote}.
     */
    public static ImageSources forServer(boolean allowRemote, long maxBytes, Duration timeout) {
        return new ImageSources(null, false, allowRemote, maxBytes, timeout);
    }

    public ImageSources withBaseDir(Path dir) {
        return new ImageSources(dir, allowFiles, allowRemote, maxBytes, timeout);
    }

    public ImageSources withLimits(long newMaxBytes, Duration newTimeout) {
        return new ImageSources(baseDir, allowFiles, allowRemote, newMaxBytes, newTimeout);
    }

    /** Reads {@code ref}; any problem is a {@link UserError} naming the reference. */
    public ImageData load(String ref) {
        String trimmed = ref.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:")) {
            return fromDataUri(trimmed);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return fromUrl(trimmed);
        }
        if (lower.startsWith("file:")) {
            return fromFile(Path.of(URI.create(trimmed)), ref);
        }
        if (!allowFiles) {
            throw UserError.at("image " + abbreviate(ref), "expected a data: URI or an http(s) URL");
        }
        Path path = Path.of(trimmed);
        return fromFile(baseDir != null && !path.isAbsolute() ? baseDir.resolve(path) : path, ref);
    }

    private ImageData fromFile(Path file, String ref) {
        if (!allowFiles) {
            throw UserError.at("image " + abbreviate(ref), "expected a data: URI or an http(s) URL");
        }
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw UserError.at(file, "image is " + size + " bytes, over the " + maxBytes + "-byte limit");
            }
            return checked(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw UserError.at(file, "no such image file");
        } catch (IOException e) {
            throw UserError.at(file, "cannot read image: " + e.getMessage());
        }
    }

    private ImageData fromDataUri(String uri) {
        int comma = uri.indexOf(',');
        if (comma < 0) {
            throw UserError.at("image " + abbreviate(uri), "malformed data URI: expected data:[type][;base64],payload");
        }
        String header = uri.substring(5, comma).toLowerCase(Locale.ROOT);
        String payload = uri.substring(comma + 1);
        if ((long) payload.length() * 3 / 4 > maxBytes) {
            throw UserError.at("image " + abbreviate(uri), "data URI is over the " + maxBytes + "-byte limit");
        }
        byte[] bytes;
        try {
            bytes = header.endsWith(";base64")
                    ? Base64.getDecoder().decode(payload.replaceAll("\\s+", "")) // strict: garbage is an error
                    : URLDecoder.decode(payload, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw UserError.at("image " + abbreviate(uri), "data URI has invalid base64: " + e.getMessage());
        }
        return checked(bytes, "data URI");
    }

    private ImageData fromUrl(String url) {
        if (!allowRemote) {
            throw UserError.at("image " + abbreviate(url), "fetching image URLs is disabled here; send a data: URI");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw UserError.at("image " + abbreviate(url), "malformed URL: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw UserError.at(url, "image fetch failed with HTTP " + response.statusCode());
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw UserError.at(url, "image is " + declared + " bytes, over the " + maxBytes + "-byte limit");
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw UserError.at(url, "image is over the " + maxBytes + "-byte limit");
                }
                return checked(bytes, url);
            }
        } catch (HttpTimeoutException e) {
            throw UserError.at(url, "image fetch timed out after " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw UserError.at(url, "cannot fetch image: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UserError.at(url, "image fetch interrupted");
        }
    }

    private static ImageData checked(byte[] bytes, String origin) {
        String mime = ImageMime.sniff(bytes).orElseThrow(() -> UserError.at(abbreviate(origin),
                "not a PNG, JPEG, GIF, WebP, BMP or TIFF image"));
        return new ImageData(bytes, mime, origin);
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NORMAL).build();
                }
                c = http;
            }
        }
        return c;
    }

    /** Data URIs can be megabytes long; error messages show their start only. */
    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 48) + "...(" + s.length() + " chars)";
    }
}
