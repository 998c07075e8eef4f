package io.step3vl.inference.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.step3vl.common.UserError;
import io.step3vl.inference.ImageData;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSourcesTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};
    @TempDir
    Path dir;

    @Test
    void sniffsCommonFormatsFromMagicBytes() {
        assertThat(ImageMime.sniff(PNG)).hasValue("image/png");
        assertThat(ImageMime.sniff(JPEG)).hasValue("image/jpeg");
        assertThat(ImageMime.sniff("GIF89a....".getBytes())).hasValue("image/gif");
        assertThat(ImageMime.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes())).hasValue("image/webp");
        assertThat(ImageMime.sniff("BM..............".getBytes())).hasValue("image/bmp");
        assertThat(ImageMime.sniff(new byte[] {'I', 'I', 42, 0, 8, 0})).hasValue("image/tiff");
        assertThat(ImageMime.sniff("<svg></svg>".getBytes())).isEmpty();
        assertThat(ImageMime.sniff(new byte[0])).isEmpty();
    }

    @Test
    void readsFilesRelativeToTheBaseDirectory() throws Exception {
        Files.createDirectories(dir.resolve("img"));
        Files.write(dir.resolve("img/a.jpg.png"), JPEG); // the name lies; the bytes decide
        ImageData image = ImageSources.forUserInput(dir).load("img/a.jpg.png");
        assertThat(image.bytes()).isEqualTo(JPEG);
        assertThat(image.mimeType()).isEqualTo("image/jpeg");
        assertThat(ImageSources.forUserInput(null).load(dir.resolve("img/a.jpg.png").toString()).bytes()).isEqualTo(JPEG);
        assertThat(ImageSources.forUserInput(null).load(dir.resolve("img/a.jpg.png").toUri().toString()).bytes()).isEqualTo(JPEG);
    }

    @Test
    void rejectsMissingFilesNonImagesAndOversizedOnes() throws Exception {
        ImageSources sources = ImageSources.forUserInput(dir);
        assertThatThrownBy(() -> sources.load("nope.png")).isInstanceOf(UserError.class).hasMessageContaining("no such image file");
        Files.writeString(dir.resolve("notes.png"), "hello");
        assertThatThrownBy(() -> sources.load("notes.png")).isInstanceOf(UserError.class)
                .hasMessageContaining("not a PNG, JPEG, GIF, WebP, BMP or TIFF image");
        Files.write(dir.resolve("big.png"), new byte[100]);
        assertThatThrownBy(() -> sources.withLimits(50, Duration.ofSeconds(1)).load("big.png"))
                .isInstanceOf(UserError.class).hasMessageContaining("over the 50-byte limit");
    }

    @Test
    void decodesDataUrisWhateverTheyClaim() {
        String uri = "data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(PNG);
        ImageData image = ImageSources.forServer(false, 1 << 20, Duration.ofSeconds(1)).load(uri);
        assertThat(image.bytes()).isEqualTo(PNG);
        assertThat(image.mimeType()).isEqualTo("image/png");
        assertThat(image.toDataUri()).isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
        assertThatThrownBy(() -> ImageSources.forUserInput(dir).load("data:image/png;base64,@@@"))
                .isInstanceOf(UserError.class).hasMessageContaining("invalid base64");
        assertThatThrownBy(() -> ImageSources.forUserInput(dir).load("data:image/png;base64"))
                .isInstanceOf(UserError.class).hasMessageContaining("malformed data URI");
    }

    @Test
    void aServerNeverReadsItsOwnFiles() throws Exception {
        Files.write(dir.resolve("a.png"), PNG);
        ImageSources server = ImageSources.forServer(true, 1 << 20, Duration.ofSeconds(1));
        assertThatThrownBy(() -> server.load(dir.resolve("a.png").toString())).isInstanceOf(UserError.class)
                .hasMessageContaining("expected a data: URI or an http(s) URL");
        assertThatThrownBy(() -> server.load(dir.resolve("a.png").toUri().toString())).isInstanceOf(UserError.class);
    }

    @Test
    void fetchesUrlsWithinTheCapAndTimeout() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        http.createContext("/a.png", ex -> {
            ex.sendResponseHeaders(200, PNG.length);
            ex.getResponseBody().write(PNG);
            ex.close();
        });
        http.createContext("/big.png", ex -> {
            ex.sendResponseHeaders(200, 0); // no length: the cap applies while reading
            for (int i = 0; i < 100; i++) {
                ex.getResponseBody().write(PNG);
            }
            ex.close();
        });
        http.createContext("/slow.png", ex -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, PNG.length);
            ex.getResponseBody().write(PNG);
            ex.close();
        });
        http.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            ImageSources sources = ImageSources.forUserInput(dir).withLimits(500, Duration.ofMillis(500));
            assertThat(sources.load(base + "/a.png").bytes()).isEqualTo(PNG);
            assertThatThrownBy(() -> sources.load(base + "/big.png")).isInstanceOf(UserError.class)
                    .hasMessageContaining("over the 500-byte limit");
            assertThatThrownBy(() -> sources.load(base + "/missing.png")).isInstanceOf(UserError.class)
                    .hasMessageContaining("HTTP 404");
            assertThatThrownBy(() -> sources.load(base + "/slow.png")).isInstanceOf(UserError.class)
                    .hasMessageContaining("timed out");
            assertThatThrownBy(() -> ImageSources.forServer(false, 500, Duration.ofSeconds(1)).load(base + "/a.png"))
                    .isInstanceOf(UserError.class).hasMessageContaining("disabled");
        } finally {
            http.stop(0);
        }
    }
}
