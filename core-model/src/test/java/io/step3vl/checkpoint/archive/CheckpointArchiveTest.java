package io.step3vl.checkpoint.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.checkpoint.CheckpointReader;
import io.step3vl.checkpoint.CheckpointWriter;
import io.step3vl.checkpoint.FileManifest;
import io.step3vl.checkpoint.Fingerprints;
import io.step3vl.checkpoint.Provenance;
import io.step3vl.checkpoint.Sha256;
import io.step3vl.checkpoint.TestCheckpoints;
import io.step3vl.checkpoint.TrainerState;
import io.step3vl.common.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointArchiveTest {
    @TempDir
    Path tmp;
    Path ckpt;

    @BeforeEach
    void writeCheckpoint() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("parent"));
        Files.writeString(parent.resolve("tokenizer.json"), "{\"model\":{}}");
        ckpt = CheckpointWriter.create().config(TestCheckpoints.config()).weights(TestCheckpoints.weights())
                .shardLimitBytes(1000).inheritFrom(parent)
                .trainerState(TrainerState.of(10, 20, 30), TestCheckpoints.bulkWeights(2, 16))
                .provenance(Provenance.of("test")).writeTo(tmp.resolve("ckpt"));
    }

    @Test
    void packThenUnpackReproducesEveryFile() {
        Path archive = tmp.resolve("out/ckpt.tar.zst");
        CheckpointArchive.PackResult packed = CheckpointArchive.pack(ckpt, archive, new CheckpointArchive.PackOptions(3, 0));
        assertThat(archive).isRegularFile();
        assertThat(packed.files()).isEqualTo(FileManifest.listFiles(ckpt).size());
        assertThat(packed.fingerprint()).isEqualTo(FileManifest.scan(ckpt).fingerprint());

        CheckpointArchive.UnpackResult unpacked = CheckpointArchive.unpack(archive, tmp.resolve("restored"));
        Path restored = unpacked.dir();
        assertThat(FileManifest.scan(restored)).isEqualTo(FileManifest.scan(ckpt));
        assertThat(restored.resolve(CheckpointArchive.MANIFEST)).doesNotExist();
        assertThat(Fingerprints.ofCheckpoint(restored)).isEqualTo(Fingerprints.ofCheckpoint(ckpt));
        CheckpointReader.open(restored).verify();
        assertThat(CheckpointReader.open(restored).trainerState().step()).isEqualTo(10);
        assertThat(hidden(tmp)).isEmpty();
    }

    @Test
    void archiveListsFilesSortedWithTheManifestLastInSha256sumFormat() throws IOException {
        Path archive = tmp.resolve("ckpt.tar.zst");
        CheckpointArchive.pack(ckpt, archive, CheckpointArchive.PackOptions.defaults());
        List<String> names = new ArrayList<>();
        String manifest = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdCompressorInputStream(Files.newInputStream(archive)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                names.add(e.getName());
                if (e.getName().equals(CheckpointArchive.MANIFEST)) {
                    manifest = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(names.get(names.size() - 1)).isEqualTo(CheckpointArchive.MANIFEST);
        assertThat(names.subList(0, names.size() - 1)).isSorted().isEqualTo(FileManifest.listFiles(ckpt));
        assertThat(manifest).contains(Sha256.ofFile(ckpt.resolve("config.json")) + "  config.json\n");
    }

    @Test
    void unpackRefusesANonEmptyTargetAndAMissingArchive() throws IOException {
        Path archive = tmp.resolve("a.tar.zst");
        CheckpointArchive.pack(ckpt, archive, CheckpointArchive.PackOptions.defaults());
        assertThatThrownBy(() -> CheckpointArchive.unpack(archive, ckpt)).isInstanceOf(UserError.class)
                .hasMessageContaining("already exists and is not empty");
        assertThatThrownBy(() -> CheckpointArchive.unpack(tmp.resolve("none.tar.zst"), tmp.resolve("x")))
                .isInstanceOf(UserError.class).hasMessageContaining("no such archive file");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CheckpointArchive.unpack(archive, empty);
        assertThat(empty.resolve("config.json")).isRegularFile();
    }

    @Test
    void packRefusesNonCheckpointsAndAnArchiveInsideTheDirectory() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> CheckpointArchive.pack(plain, tmp.resolve("p.tar.zst"), CheckpointArchive.PackOptions.defaults()))
                .isInstanceOf(UserError.class).hasMessageContaining("no config.json");
        assertThatThrownBy(() -> CheckpointArchive.pack(ckpt, ckpt.resolve("self.tar.zst"), CheckpointArchive.PackOptions.defaults()))
                .isInstanceOf(UserError.class).hasMessageContaining("outside the directory");
        assertThatThrownBy(() -> new CheckpointArchive.PackOptions(0, 1)).isInstanceOf(UserError.class);
    }

    @Test
    void tamperedFileIsRejected() throws IOException {
        Map<String, byte[]> files = filesOf(ckpt);
        String manifest = manifestOf(files);
        files.put("config.json", "{\"model_type\":\"evil\"}".getBytes(StandardCharsets.UTF_8));
        Path archive = craft(tmp.resolve("tampered.tar.zst"), files, manifest);
        expectRefused(archive, "config.json: sha256 does not match MANIFEST.sha256 (the archive is damaged or was modified)");
    }

    @Test
    void pathTraversalEntryIsRejected() throws IOException {
        Map<String, byte[]> files = filesOf(ckpt);
        files.put("../escaped.txt", "x".getBytes());
        Path archive = craft(tmp.resolve("traversal.tar.zst"), files, manifestOf(files));
        expectRefused(archive, "entry '../escaped.txt': path escapes the target directory");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void absolutePathEntryIsRejected() throws IOException {
        Map<String, byte[]> files = filesOf(ckpt);
        files.put("/tmp/absolute.txt", "x".getBytes());
        Path archive = craft(tmp.resolve("absolute.tar.zst"), files, manifestOf(filesOf(ckpt)));
        expectRefused(archive, "entry '/tmp/absolute.txt': absolute path");
    }

    @Test
    void symlinkEntryIsRejected() throws IOException {
        Path archive = tmp.resolve("symlink.tar.zst");
        try (TarArchiveOutputStream tar = tarTo(archive)) {
            TarArchiveEntry link = new TarArchiveEntry("config.json", TarConstants.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        expectRefused(archive, "entry 'config.json': symbolic link (-> /etc/passwd) not allowed");
    }

    @Test
    void hardLinkEntryIsRejected() throws IOException {
        Path archive = tmp.resolve("hardlink.tar.zst");
        try (TarArchiveOutputStream tar = tarTo(archive)) {
            TarArchiveEntry link = new TarArchiveEntry("model.safetensors", TarConstants.LF_LINK);
            link.setLinkName("../../outside");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        expectRefused(archive, "entry 'model.safetensors': hard link (-> ../../outside) not allowed");
    }

    @Test
    void duplicateEntryIsRejected() throws IOException {
        Path archive = tmp.resolve("dup.tar.zst");
        try (TarArchiveOutputStream tar = tarTo(archive)) {
            addEntry(tar, "config.json", "{}".getBytes());
            addEntry(tar, "config.json", "{\"a\":1}".getBytes());
        }
        expectRefused(archive, "entry 'config.json' appears twice");
    }

    @Test
    void aFileAndADirectoryOfTheSameNameAreRejected() throws IOException {
        Path archive = tmp.resolve("clash.tar.zst");
        try (TarArchiveOutputStream tar = tarTo(archive)) {
            addEntry(tar, "trainer_state", "x".getBytes());
            addEntry(tar, "trainer_state/state.json", "{}".getBytes());
        }
        expectRefused(archive, "entry 'trainer_state/state.json' clashes with another entry's path");
    }

    @Test
    void truncatedArchiveIsRejected() throws IOException {
        Path archive = tmp.resolve("full.tar.zst");
        CheckpointArchive.pack(ckpt, archive, new CheckpointArchive.PackOptions(3, 0));
        byte[] bytes = Files.readAllBytes(archive);
        for (int keep : new int[] {bytes.length / 2, bytes.length - 20, 10}) {
            Path cut = tmp.resolve("cut-" + keep + ".tar.zst");
            Files.write(cut, java.util.Arrays.copyOf(bytes, keep));
            expectRefused(cut, "truncated");
        }
    }

    @Test
    void missingManifestIsRejected() throws IOException {
        Path archive = craft(tmp.resolve("nomanifest.tar.zst"), filesOf(ckpt), null);
        expectRefused(archive, "no MANIFEST.sha256 entry");
    }

    @Test
    void fileMissingFromTheArchiveIsRejected() throws IOException {
        Map<String, byte[]> files = filesOf(ckpt);
        String manifest = manifestOf(files);
        files.remove("model-00002.safetensors");
        Path archive = craft(tmp.resolve("missing.tar.zst"), files, manifest);
        expectRefused(archive, "model-00002.safetensors is listed in MANIFEST.sha256 but missing from the archive");
    }

    @Test
    void unlistedFileIsRejected() throws IOException {
        Map<String, byte[]> files = filesOf(ckpt);
        String manifest = manifestOf(files);
        files.put("extra.bin", new byte[] {1, 2, 3});
        Path archive = craft(tmp.resolve("unlisted.tar.zst"), files, manifest);
        expectRefused(archive, "entry 'extra.bin' is not listed in MANIFEST.sha256");
    }

    @Test
    void aConsistentlyRewrittenManifestIsStillCaughtByTheCheckpointsOwnManifest() throws IOException {
        Map<String, byte[]> files = filesOf(ckpt);
        byte[] weights = files.get("model-00001.safetensors");
        weights[weights.length - 1] ^= 1;  // same size: only step3vl.json's hash disagrees... and MANIFEST is rewritten
        files.put("model-00001.safetensors", weights);
        Path archive = craft(tmp.resolve("rewritten.tar.zst"), files, manifestOf(files));
        // MANIFEST agrees, and step3vl.json's sizes agree; the unpacked checkpoint's verify() catches it.
        Path out = CheckpointArchive.unpack(archive, tmp.resolve("out")).dir();
        assertThatThrownBy(() -> CheckpointReader.open(out).verify()).isInstanceOf(UserError.class)
                .hasMessageContaining("model-00001.safetensors does not match its sha256");
    }

    private void expectRefused(Path archive, String message) {
        Path target = tmp.resolve("target-" + archive.getFileName());
        assertThatThrownBy(() -> CheckpointArchive.unpack(archive, target)).isInstanceOf(UserError.class)
                .hasMessageStartingWith(archive.toString())
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(target).doesNotExist();
        assertThat(hidden(tmp)).isEmpty();
    }

    private static Map<String, byte[]> filesOf(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String rel : FileManifest.listFiles(dir)) {
            files.put(rel, Files.readAllBytes(dir.resolve(rel)));
        }
        return files;
    }

    private static String manifestOf(Map<String, byte[]> files) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(files).forEach((name, bytes) -> sb.append(Sha256.ofBytes(bytes)).append("  ").append(name).append('\n'));
        return sb.toString();
    }

    private static Path craft(Path archive, Map<String, byte[]> files, String manifest) throws IOException {
        try (TarArchiveOutputStream tar = tarTo(archive)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                addEntry(tar, e.getKey(), e.getValue());
            }
            if (manifest != null) {
                addEntry(tar, CheckpointArchive.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
            }
        }
        return archive;
    }

    private static TarArchiveOutputStream tarTo(Path archive) throws IOException {
        OutputStream out = ZstdCompressorOutputStream.builder().setOutputStream(Files.newOutputStream(archive)).get();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        return tar;
    }

    private static void addEntry(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);  // preserve the name as given ('/', '..')
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static List<String> hidden(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
