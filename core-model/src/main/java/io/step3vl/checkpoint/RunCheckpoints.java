package io.step3vl.checkpoint;

import io.step3vl.common.AtomicFiles;
import io.step3vl.common.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of one training run: {@code ROOT/step-00001200/} directories and a {@code ROOT/latest}
 * pointer file holding the name of the newest fully saved one. The pointer is rewritten atomically
 * only after a save has been published, so auto-resume never picks a partial checkpoint.
 *
 * <pre>{@code
 * RunCheckpoints run = new RunCheckpoints(runDir.resolve("checkpoints"));
 * Optional<Path> resumeFrom = run.latest();                  // empty on a fresh run
 * ...
 * run.save(step, CheckpointWriter.create().config(cfg).weights(params).trainerState(state, moments), keep);
 * }</pre>
 */
public final class RunCheckpoints {
    /** The pointer file's name. */
    public static final String LATEST = "latest";
    private static final Pattern STEP_DIR = Pattern.compile("^step-(\\d+)$");

    private final Path root;

    public RunCheckpoints(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** {@code ROOT/step-00001200} (at least 8 digits, so names sort like steps). */
    public Path dirForStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        return root.resolve(String.format(Locale.ROOT, "step-%08d", step));
    }

    /** The step a {@code step-N} directory name stands for, or -1 for any other name. */
    public static long stepOf(Path dir) {
        Matcher m = STEP_DIR.matcher(dir.getFileName().toString());
        if (!m.matches()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The published {@code step-N} checkpoints, oldest step first (hidden work directories never appear). */
    public List<Path> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .filter(p -> stepOf(p) >= 0)
                    .sorted(Comparator.comparingLong(RunCheckpoints::stepOf))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The checkpoint {@code latest} names, or empty when there is no pointer yet. A pointer naming
     * anything but an existing sibling directory is reported, not silently skipped.
     */
    public Optional<Path> latest() {
        Path pointer = root.resolve(LATEST);
        String name;
        try {
            name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer + ": " + e.getMessage(), e);
        }
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw UserError.at(pointer, "expected the name of a checkpoint directory next to it, got '" + name + "'");
        }
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw UserError.at(pointer, "points to " + name + ", which does not exist");
        }
        return Optional.of(dir);
    }

    /** Where a run directory keeps its checkpoints. */
    public static final String RUN_SUBDIR = "checkpoints";

    /**
     * The checkpoint a user means by {@code dir}: {@code dir} itself when it holds a config.json, else
     * the latest checkpoint of the run directory {@code dir} ({@code dir/checkpoints/latest}). Every
     * command taking a model accepts both, so a training run's output feeds the next stage directly.
     */
    public static Path checkpointOf(Path dir) {
        if (Files.isRegularFile(dir.resolve("config.json"))) {
            return dir;
        }
        if (!Files.isDirectory(dir)) {
            throw UserError.at(dir, "does not exist; expected a checkpoint directory or a training run directory");
        }
        return new RunCheckpoints(dir.resolve(RUN_SUBDIR)).latest().orElseThrow(() -> UserError.at(dir,
                "is neither a checkpoint (no config.json) nor a run directory with checkpoints/latest"));
    }

    /** Atomically points {@code latest} at {@code checkpoint}, which must be a directory directly in the root. */
    public void markLatest(Path checkpoint) {
        Path abs = checkpoint.toAbsolutePath().normalize();
        if (!root.equals(abs.getParent()) || !Files.isDirectory(abs)) {
            throw new IllegalArgumentException("not a checkpoint directory of " + root + ": " + checkpoint);
        }
        AtomicFiles.writeString(root.resolve(LATEST), abs.getFileName() + "\n");
    }

    /**
     * Saves a checkpoint for {@code step}, then moves {@code latest} to it, then keeps only the newest
     * {@code keep} checkpoints ({@code keep <= 0} keeps all). Stale work directories of killed
     * processes are removed first. A {@code step-N} directory that exists but is not the one
     * {@code latest} names is an orphan of a run killed between its save and the pointer move (the
     * resumed run is redoing that step), so it is replaced; re-saving the step {@code latest} names
     * is refused.
     *
     * @return the published checkpoint directory
     */
    public Path save(long step, CheckpointWriter writer, int keep) {
        StagingDirs.cleanStale(root);
        Path target = dirForStep(step);
        if (Files.exists(target) && target.equals(latest().orElse(null))) {
            throw UserError.at(target, "is the latest checkpoint of this run already; not overwriting it");
        }
        Path dir = writer.overwrite(true).writeTo(target);
        markLatest(dir);
        rotate(keep);
        return dir;
    }

    /**
     * Deletes all but the newest {@code keep} {@code step-N} checkpoints, never the one {@code latest}
     * names; {@code keep <= 0} keeps all. Each goes by one rename first, so a half-deleted directory
     * never looks like a checkpoint.
     *
     * @return the deleted directories, oldest first
     */
    public List<Path> rotate(int keep) {
        List<Path> deleted = new ArrayList<>();
        if (keep <= 0) {
            return deleted;
        }
        List<Path> all = list();
        Path latest = latest().orElse(null);
        for (Path dir : all.subList(0, Math.max(0, all.size() - keep))) {
            if (!dir.equals(latest)) {
                StagingDirs.deleteAtomically(dir);
                deleted.add(dir);
            }
        }
        return deleted;
    }
}
