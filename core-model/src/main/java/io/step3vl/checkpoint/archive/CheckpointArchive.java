package io.step3vl.checkpoint.archive;

import io.step3vl.checkpoint.CheckpointLayout;
import io.step3vl.checkpoint.FileManifest;
import io.step3vl.checkpoint.ProvenanceFile;
import io.step3vl.checkpoint.SafePaths;
import io.step3vl.checkpoint.Sha256;
import io.step3vl.checkpoint.StagingDirs;
import io.step3vl.common.AtomicFiles;
import io.step3vl.common.Progress;
import io.step3vl.common.UserError;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;

/**
 * A checkpoint directory as one {@code .tar.zst} file (Commons Compress writes the tar, zstd-jni the
 * zstd frames). The archive holds the checkpoint's files at its top level, sorted by path, followed
 * by {@code MANIFEST.sha256} in {@code sha256sum} format, so {@code tar --zstd -xf x.tar.zst && sha256sum
 * -c MANIFEST.sha256} also verifies it without this tool.
 *
 * <p>Unpacking trusts nothing in the archive: every entry must be a regular file or directory with a
 * safe relative path (no absolute paths, no {@code ..}, no links or devices, no duplicates), every file
 * must match the manifest, and the manifest must list exactly the files present. The result is
 * staged in a hidden directory and renamed into place only when all of that holds.
 */
public final class CheckpointArchive {
    /** The manifest entry's name inside the archive (never written into an unpacked directory). */
    public static final String MANIFEST = "MANIFEST.sha256";
    private static final long MAX_MANIFEST_BYTES = 16L << 20;
    private static final int COPY_BUFFER_BYTES = 1 << 20;

    /**
     * Compression settings: zstd {@code level} (1–19) and worker threads (0 = none). The default level
     * is 1, not zstd's 3: weights are high-entropy, and level 3 took 1.7x as long for a 0.1% smaller
     * archive on the small preset (docs/benchmarks.md, Checkpoints).
     */
    public record PackOptions(int level, int workers) {
        public PackOptions {
            if (level < 1 || level > 19) {
                throw new UserError("--level: expected 1..19, got " + level);
            }
            if (workers < 0) {
                throw new UserError("--workers: expected >= 0, got " + workers);
            }
        }

        public static PackOptions defaults() {
            return new PackOptions(1, Math.max(0, Runtime.getRuntime().availableProcessors() - 1));
        }
    }

    /** What {@link #pack} wrote: file count, bytes before and after compression, the manifest's fingerprint. */
    public record PackResult(Path archive, int files, long bytes, long archiveBytes, String fingerprint) {}

    /** What {@link #unpack} published. */
    public record UnpackResult(Path dir, int files, long bytes, String fingerprint) {}

    private CheckpointArchive() {}

    /** Packs every non-hidden file under {@code dir} (links followed) into {@code archive}, atomically. */
    public static PackResult pack(Path dir, Path archive, PackOptions options) {
        if (!Files.isDirectory(dir)) {
            throw UserError.at(dir, "not a directory; expected a checkpoint directory to pack");
        }
        if (!Files.isRegularFile(dir.resolve(CheckpointLayout.CONFIG))) {
            throw UserError.at(dir, "no " + CheckpointLayout.CONFIG + "; expected a checkpoint directory");
        }
        List<String> files = FileManifest.listFiles(dir);
        if (files.contains(MANIFEST)) {
            throw UserError.at(dir.resolve(MANIFEST), "reserved name: the archive writes its own " + MANIFEST);
        }
        Path absArchive = archive.toAbsolutePath().normalize();
        if (absArchive.startsWith(dir.toAbsolutePath().normalize())) {
            throw UserError.at(archive, "the archive must be outside the directory being packed");
        }
        long total = 0;
        for (String f : files) {
            total += size(dir.resolve(f));
        }
        SortedMap<String, FileManifest.Entry> manifest = new TreeMap<>();
        long totalBytes = total;
        // Closed (final line drawn) only on success, so a failure prints just its one-line error.
        Progress progress = Progress.start("pack", mib(totalBytes), "MiB");
        AtomicFiles.write(archive, out -> {
            // The shield keeps tar.close() from closing AtomicFiles' stream, which still fsyncs it.
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(zstd(CloseShieldOutputStream.wrap(out), options))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                ProgressCounter counter = new ProgressCounter(progress);
                for (String rel : files) {
                    Path file = dir.resolve(rel);
                    manifest.put(rel, addFile(tar, file, rel, counter));
                }
                counter.finish();
                byte[] manifestBytes = new FileManifest(manifest).toSha256Sum().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(MANIFEST);
                entry.setSize(manifestBytes.length);
                entry.setMode(0644);
                tar.putArchiveEntry(entry);
                tar.write(manifestBytes);
                tar.closeArchiveEntry();
                tar.finish();
            }
        });
        progress.close();
        return new PackResult(archive, files.size(), totalBytes, size(archive), new FileManifest(manifest).fingerprint());
    }

    private static OutputStream zstd(OutputStream out, PackOptions options) throws IOException {
        // The frame checksum lets unpack detect corrupt compressed data before the per-file hashes do.
        return ZstdCompressorOutputStream.builder().setOutputStream(out).setLevel(options.level())
                .setWorkers(options.workers()).setChecksum(true).get();
    }

    private static FileManifest.Entry addFile(TarArchiveOutputStream tar, Path file, String rel,
                                              ProgressCounter counter) throws IOException {
        long size = Files.size(file);
        TarArchiveEntry entry = new TarArchiveEntry(rel);
        entry.setSize(size);
        entry.setMode(0644);
        entry.setModTime(Files.getLastModifiedTime(file));
        tar.putArchiveEntry(entry);
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        long copied = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (copied + n > size) {
                    throw new IOException(rel + " grew while being packed");
                }
                digest.update(buffer, 0, n);
                tar.write(buffer, 0, n);
                copied += n;
                counter.add(n);
            }
        }
        if (copied != size) {
            throw new IOException(rel + " shrank while being packed");
        }
        tar.closeArchiveEntry();
        return new FileManifest.Entry(size, Sha256.hex(digest.digest()));
    }

    /**
     * Unpacks {@code archive} into {@code target} (which must not exist, or be an empty directory),
     * verifying every file against the archive's manifest and, for a toolkit checkpoint, step3vl.json.
     * Nothing appears under {@code target} unless all checks pass.
     */
    public static UnpackResult unpack(Path archive, Path target) {
        if (!Files.isRegularFile(archive)) {
            throw UserError.at(archive, "no such archive file");
        }
        checkTargetFree(target);
        StagingDirs.cleanStale(target.toAbsolutePath().getParent());
        Path staging = StagingDirs.create(target);
        boolean published = false;
        try {
            Extracted extracted = extract(archive, staging);
            FileManifest manifest = checkAgainstManifest(archive, extracted);
            if (Files.isRegularFile(staging.resolve(CheckpointLayout.PROVENANCE))) {
                // The checkpoint's own manifest must agree too (sizes; the hashes were just checked).
                ProvenanceFile.read(staging).manifest().verify(staging, false);
            }
            checkTargetFree(target);
            if (Files.isDirectory(target)) {
                Files.delete(target);  // empty, checked above
            }
            AtomicFiles.publishDirectory(staging, target);
            published = true;
            return new UnpackResult(target, manifest.files().size(), manifest.totalBytes(), manifest.fingerprint());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack into " + target + ": " + e.getMessage(), e);
        } finally {
            if (!published) {
                AtomicFiles.deleteTree(staging);
            }
        }
    }

    /** Files extracted into staging (path → size and hash as written) and the manifest text, if any. */
    private record Extracted(SortedMap<String, FileManifest.Entry> files, String manifestText) {}

    private static Extracted extract(Path archive, Path staging) {
        SortedMap<String, FileManifest.Entry> files = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        String manifestText = null;
        Progress progress = Progress.start("unpack", mib(size(archive)), "MiB compressed");
        try (CountingInputStream raw = new CountingInputStream(
                     new BufferedInputStream(Files.newInputStream(archive), COPY_BUFFER_BYTES), progress);
             TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entryName(entry);
                String problem = SafePaths.problem(name);
                if (problem != null) {
                    throw UserError.at(archive, "entry '" + entry.getName() + "': " + problem);
                }
                if (!isRegularFile(entry) && !entry.isDirectory()) {
                    throw UserError.at(archive, "entry '" + name + "': " + kind(entry)
                            + " not allowed; a checkpoint archive holds regular files only");
                }
                if (!seen.add(name)) {
                    throw UserError.at(archive, "entry '" + name + "' appears twice");
                }
                if (entry.isDirectory()) {
                    createDirectory(archive, staging, name);
                } else if (name.equals(MANIFEST)) {
                    manifestText = readManifest(archive, tar, entry);
                } else {
                    files.put(name, writeFile(archive, tar, staging, name));
                }
            }
            raw.finish();
            progress.close();
        } catch (UserError e) {
            throw e;
        } catch (IOException e) {
            throw UserError.at(archive, "truncated or corrupt archive (" + oneLine(e) + ")");
        }
        return new Extracted(files, manifestText);
    }

    private static FileManifest checkAgainstManifest(Path archive, Extracted extracted) {
        if (extracted.manifestText() == null) {
            throw UserError.at(archive, "no " + MANIFEST + " entry (truncated archive, or not made by 'step3vl ckpt pack')");
        }
        SortedMap<String, String> expected = FileManifest.parseSha256Sum(extracted.manifestText(), archive + "!" + MANIFEST);
        for (String path : expected.keySet()) {
            if (!extracted.files().containsKey(path)) {
                throw UserError.at(archive, path + " is listed in " + MANIFEST + " but missing from the archive (truncated?)");
            }
        }
        for (var e : extracted.files().entrySet()) {
            String want = expected.get(e.getKey());
            if (want == null) {
                throw UserError.at(archive, "entry '" + e.getKey() + "' is not listed in " + MANIFEST);
            }
            if (!want.equals(e.getValue().sha256())) {
                throw UserError.at(archive, e.getKey() + ": sha256 does not match " + MANIFEST
                        + " (the archive is damaged or was modified)");
            }
        }
        return new FileManifest(extracted.files());
    }

    private static String entryName(TarArchiveEntry entry) {
        String name = entry.getName();
        if (entry.isDirectory()) {
            while (name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
        }
        return name;
    }

    /**
     * Only plain file entries: Commons Compress's {@code isFile()} is also true for links and devices,
     * so the type flag is checked directly.
     */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    private static String kind(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "symbolic link (-> " + entry.getLinkName() + ")";
        }
        if (entry.isLink()) {
            return "hard link (-> " + entry.getLinkName() + ")";
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "device file";
        }
        if (entry.isFIFO()) {
            return "FIFO";
        }
        return "special entry (type '" + (char) entry.getLinkFlag() + "')";
    }

    private static void createDirectory(Path archive, Path staging, String name) throws IOException {
        Path dir = SafePaths.resolveInside(staging, name);
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw UserError.at(archive, "entry '" + name + "/' clashes with a file of the same name");
        }
    }

    private static String readManifest(Path archive, TarArchiveInputStream tar, TarArchiveEntry entry) throws IOException {
        if (entry.getSize() > MAX_MANIFEST_BYTES) {
            throw UserError.at(archive, MANIFEST + " is " + entry.getSize() + " bytes; expected at most " + MAX_MANIFEST_BYTES);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) entry.getSize());
        tar.transferTo(bytes);
        if (bytes.size() != entry.getSize()) {
            throw new IOException(MANIFEST + " is cut short");
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static FileManifest.Entry writeFile(Path archive, TarArchiveInputStream tar, Path staging, String name)
            throws IOException {
        Path file = SafePaths.resolveInside(staging, name);
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        long written = 0;
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                int n;
                while ((n = tar.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                    ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                    written += n;
                }
            }
        } catch (FileSystemException e) {
            throw UserError.at(archive, "entry '" + name + "' clashes with another entry's path");
        }
        return new FileManifest.Entry(written, Sha256.hex(digest.digest()));
    }

    private static void checkTargetFree(Path target) {
        if (Files.isDirectory(target)) {
            try (Stream<Path> children = Files.list(target)) {
                if (children.findAny().isPresent()) {
                    throw UserError.at(target, "already exists and is not empty; unpack into a new directory");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + target + ": " + e.getMessage(), e);
            }
        } else if (Files.exists(target)) {
            throw UserError.at(target, "already exists and is not a directory");
        }
    }

    private static String oneLine(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.replace('\n', ' ');
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw UserError.at(file, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long mib(long bytes) {
        return Math.max(1, (bytes + (1 << 20) - 1) >> 20);
    }
}
