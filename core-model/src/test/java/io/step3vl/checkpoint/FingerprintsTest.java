package io.step3vl.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintsTest {
    @TempDir
    Path tmp;

    @Test
    void directoryFingerprintIsTheHashOfItsSha256sumListing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d/sub"));
        Files.writeString(tmp.resolve("d/b.txt"), "bee");
        Files.writeString(dir.resolve("a.txt"), "ay");
        Files.writeString(tmp.resolve("d/.hidden"), "ignored");
        // What `cd d && find . -type f ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum` prints
        String listing = Sha256.ofBytes("bee".getBytes()) + "  b.txt\n" + Sha256.ofBytes("ay".getBytes()) + "  sub/a.txt\n";
        assertThat(Fingerprints.ofPath(tmp.resolve("d")))
                .isEqualTo("sha256:" + Sha256.ofBytes(listing.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void checkpointFingerprintFromTheManifestEqualsTheFullHash() throws Exception {
        Path dir = CheckpointWriter.create().config(TestCheckpoints.config()).weights(TestCheckpoints.weights())
                .trainerState(TrainerState.of(1, 1, 1), TestCheckpoints.bulkWeights(2, 4))
                .provenance(Provenance.of("test")).writeTo(tmp.resolve("ckpt"));
        String fromManifest = Fingerprints.ofCheckpoint(dir);

        // The same model without provenance and trainer state (an HF export) hashes to the same value.
        Path export = Files.createDirectories(tmp.resolve("export"));
        Files.copy(dir.resolve("config.json"), export.resolve("config.json"));
        Files.copy(dir.resolve("model.safetensors"), export.resolve("model.safetensors"));
        assertThat(Fingerprints.ofCheckpoint(export)).isEqualTo(fromManifest);

        // Any change to the model changes it.
        Files.writeString(export.resolve("generation_config.json"), "{}");
        assertThat(Fingerprints.ofCheckpoint(export)).isNotEqualTo(fromManifest);
    }

    @Test
    void aCachedFullHashIsRecomputedWhenAFileChanges() throws Exception {
        Path export = Files.createDirectories(tmp.resolve("hf"));
        Files.writeString(export.resolve("config.json"), "{}");
        Files.write(export.resolve("model.safetensors"), new byte[] {1, 2, 3});
        String first = Fingerprints.ofCheckpoint(export);
        assertThat(Fingerprints.ofCheckpoint(export)).isEqualTo(first);
        Files.write(export.resolve("model.safetensors"), new byte[] {1, 2, 4});
        Files.setLastModifiedTime(export.resolve("model.safetensors"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(Fingerprints.ofCheckpoint(export)).isNotEqualTo(first)
                .isEqualTo(FileManifest.scan(export).fingerprint());
    }

    @Test
    void missingPathsAreUserErrors() {
        assertThatThrownBy(() -> Fingerprints.ofPath(tmp.resolve("nope"))).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> Fingerprints.ofCheckpoint(tmp.resolve("nope"))).isInstanceOf(UserError.class);
    }

    @Test
    void safePathsRejectEveryEscape() {
        assertThat(SafePaths.problem("config.json")).isNull();
        assertThat(SafePaths.problem("trainer_state/state.json")).isNull();
        assertThat(SafePaths.problem("..")).contains("escapes");
        assertThat(SafePaths.problem("a/../../b")).contains("escapes");
        assertThat(SafePaths.problem("/etc/passwd")).contains("absolute");
        assertThat(SafePaths.problem("C:evil")).contains("drive letter");
        assertThat(SafePaths.problem("a\\..\\b")).contains("backslash");
        assertThat(SafePaths.problem("a//b")).contains("empty");
        assertThat(SafePaths.problem("./a")).contains("'.'");
        assertThat(SafePaths.problem("")).contains("empty");
        assertThat(SafePaths.problem("a\0b")).contains("NUL");
        assertThatThrownBy(() -> SafePaths.resolveInside(tmp, "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SafePaths.resolveInside(tmp, "a/b")).isEqualTo(tmp.toAbsolutePath().normalize().resolve("a/b"));
    }

    @Test
    void sha256sumParsingRejectsMalformedAndDuplicateLines() {
        String h = "0".repeat(64);
        assertThat(FileManifest.parseSha256Sum(h + "  a\n" + h + "  b/c\n", "M")).containsOnlyKeys("a", "b/c");
        assertThatThrownBy(() -> FileManifest.parseSha256Sum(h + "  a\n" + h + "  a\n", "M"))
                .isInstanceOf(UserError.class).hasMessage("M: line 2: a is listed twice");
        assertThatThrownBy(() -> FileManifest.parseSha256Sum("abc  a\n", "M"))
                .isInstanceOf(UserError.class).hasMessageContaining("line 1: expected");
    }
}
