package io.step3vl.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes that never leave a half-written file or directory behind: write to a temporary sibling,
 * fsync, then rename over the target. A reader sees either the old content or the new, never a mix.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes to a stream and may throw. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    public static void writeBytes(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    /** Streams into {@code target.tmp-*}, fsyncs, and renames it onto {@code target}. */
    public static void write(Path target, StreamWriter writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                writer.writeTo(out);
                out.flush();
                ch.force(true);
            }
            moveAtomically(tmp, target);
            fsyncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp file is hidden and never mistaken for the target
                }
            }
        }
    }

    /**
     * Appends one line and forces it to disk, so a killed batch job keeps every finished record.
     * Callers write whole lines; a partially written last line (power loss) is skipped by readers.
     */
    public static void appendLine(Path target, String line) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ch.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes a fully written directory: fsyncs every file in {@code staged}, then renames it to
     * {@code target}. An existing {@code target} is moved aside first and deleted after the rename,
     * so at every instant either the old or the new directory is complete under the target name.
     */
    public static void publishDirectory(Path staged, Path target) {
        try {
            fsyncTree(staged);
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path old = null;
            if (Files.exists(target)) {
                old = parent.resolve("." + target.getFileName() + ".old-" + System.nanoTime());
                moveAtomically(target, old);
            }
            moveAtomically(staged, target);
            fsyncDirectory(parent);
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + target + ": " + e.getMessage(), e);
        }
    }

    /** A fresh hidden staging directory next to {@code target}, for {@link #publishDirectory}. */
    public static Path stagingDirFor(Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "." + target.getFileName() + ".staging-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging directory for " + target, e);
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void fsyncTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                fsyncDirectory(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void fsyncDirectory(Path dir) {
        // Directory fsync makes the rename durable on Linux; other platforms may refuse: best effort.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not supported on this file system
        }
    }
}
