package io.step3vl.safetensors;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Locates test resources on disk (the reader needs real files to memory-map). */
final class TestFiles {
    private TestFiles() {}

    static Path resource(String name) {
        try {
            var url = TestFiles.class.getClassLoader().getResource(name);
            if (url == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
