package io.step3vl.checkpoint;

import java.nio.file.Path;

/**
 * Validation of relative paths that come from files we did not write ourselves (archive entries,
 * manifests): a path must stay inside the directory it is resolved against.
 */
public final class SafePaths {
    private SafePaths() {}

    /**
     * Why {@code path} is not a safe '/'-separated relative path, or null when it is. Rejected: empty,
     * absolute ({@code /x}, {@code C:x}, {@code \\x}), backslashes, NUL, and empty, {@code .} or
     * {@code ..} components.
     */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "empty path";
        }
        if (path.indexOf('\0') >= 0) {
            return "path contains a NUL character";
        }
        if (path.startsWith("/")) {
            return "absolute path";
        }
        if (path.indexOf('\\') >= 0) {
            return "path contains a backslash";
        }
        if (path.length() >= 2 && path.charAt(1) == ':') {
            return "path starts with a drive letter";
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                return "path has an empty or '.' component";
            }
            if (part.equals("..")) {
                return "path escapes the target directory ('..')";
            }
        }
        return null;
    }

    /** {@code root.resolve(path)}, double-checked to stay under {@code root} after normalisation. */
    public static Path resolveInside(Path root, String path) {
        String problem = problem(path);
        if (problem != null) {
            throw new IllegalArgumentException(path + ": " + problem);
        }
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(path).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new IllegalArgumentException(path + ": path escapes the target directory");
        }
        return resolved;
    }
}
