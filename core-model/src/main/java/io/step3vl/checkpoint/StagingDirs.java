package io.step3vl.checkpoint;

import io.step3vl.common.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Hidden work directories next to a target: {@code .NAME.staging-<pid>-<random>} while a save or an
 * unpack is being written, {@code .NAME.deleting-<pid>-<random>} while a rotated checkpoint is removed.
 * The owner's process id in the name lets a later save or reader delete the leftovers of a killed
 * process without touching a save that another live process is still writing.
 */
public final class StagingDirs {
    private static final Pattern WORK_DIR = Pattern.compile("^\\..+\\.(staging|deleting)-(\\d+)-[^/]*$");
    private static final long OWN_PID = ProcessHandle.current().pid();

    private StagingDirs() {}

    /** A fresh hidden staging directory for {@code target} in its parent (created with the parent). */
    public static Path create(Path target) {
        return createWork(target, "staging");
    }

    /**
     * Moves {@code dir} to a hidden {@code .deleting-} sibling (one rename: the name disappears at once,
     * so a half-deleted tree never looks like a checkpoint), then deletes it.
     */
    public static void deleteAtomically(Path dir) {
        Path trash = createWork(dir, "deleting");
        try {
            Files.delete(trash);
            Files.move(dir, trash, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
        AtomicFiles.deleteTree(trash);
    }

    /** Whether {@code name} is a staging or deleting work directory name. */
    public static boolean isWorkDir(String name) {
        return WORK_DIR.matcher(name).matches();
    }

    /**
     * Deletes work directories in {@code parent} whose owning process has exited; returns them.
     * Those of live processes (including this one) are left alone.
     */
    public static List<Path> cleanStale(Path parent) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return removed;
        }
        List<Path> candidates;
        try (Stream<Path> children = Files.list(parent)) {
            candidates = children.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent + ": " + e.getMessage(), e);
        }
        for (Path child : candidates) {
            Matcher m = WORK_DIR.matcher(child.getFileName().toString());
            if (m.matches() && !isAlive(Long.parseLong(m.group(2)))) {
                try {
                    AtomicFiles.deleteTree(child);
                    removed.add(child);
                } catch (UncheckedIOException e) {
                    // another cleaner got there first, or it is not ours to delete: leave it
                }
            }
        }
        return removed;
    }

    private static boolean isAlive(long pid) {
        return pid == OWN_PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Path createWork(Path target, String kind) {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "." + abs.getFileName() + "." + kind + "-" + OWN_PID + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a " + kind + " directory next to " + target
                    + ": " + e.getMessage(), e);
        }
    }
}
