package io.step3vl.checkpoint;

import java.nio.file.Path;

/**
 * Hears the steps of a checkpoint save: each file as it lands in the hidden staging directory, then
 * the publish. For progress display and for tests that kill a save at a chosen point.
 */
public interface SaveObserver {
    SaveObserver NONE = new SaveObserver() {};

    /** {@code relativePath} ({@code bytes} long) is now complete in the staging directory. */
    default void fileStaged(String relativePath, long bytes) {}

    /** Every file is written and fsynced; the staging directory is about to be renamed to the target. */
    default void publishing(Path staging, Path target) {}

    /** The checkpoint is visible under its final name. */
    default void published(Path target) {}
}
