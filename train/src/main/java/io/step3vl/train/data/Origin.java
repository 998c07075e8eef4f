package io.step3vl.train.data;

/**
 * Where a sample came from: the data source's name (as mixed), the file, and the place in it
 * ({@code line 12} or {@code member key}) — what error messages and logs print.
 */
public record Origin(String source, String file, String location) {
    @Override
    public String toString() {
        return file + ": " + location;
    }
}
