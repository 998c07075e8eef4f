package io.step3vl.train.data.read;

import io.step3vl.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Turns what the user named (files and directories) into the ordered list of data files to read. */
public final class DataFiles {
    private DataFiles() {}

    /**
     * Each path is a data file ({@code .jsonl[.gz|.zst]}, {@code .tar[.gz|.zst]}, {@code .tgz}) or a
     * directory whose data files (recursively, sorted by path) are taken; other files are ignored in
     * directories and an error when named directly.
     */
    public static List<DataFile> expand(List<Path> paths) {
        List<DataFile> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<DataFile> found = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(f -> {
                        DataFile df = DataFile.detect(f);
                        if (df != null) {
                            found.add(df);
                        }
                    });
                } catch (IOException e) {
                    throw UserError.at(p, "cannot list: " + e.getMessage());
                }
                if (found.isEmpty()) {
                    throw UserError.at(p, "no data files (.jsonl, .jsonl.gz, .jsonl.zst, .tar, .tar.gz, .tar.zst) in this directory");
                }
                files.addAll(found);
            } else if (Files.isRegularFile(p)) {
                DataFile df = DataFile.detect(p);
                if (df == null) {
                    throw UserError.at(p, "not a data file: expected .jsonl, .jsonl.gz, .jsonl.zst, .tar, .tar.gz or .tar.zst");
                }
                files.add(df);
            } else {
                throw UserError.at(p, "no such file or directory");
            }
        }
        if (files.isEmpty()) {
            throw new UserError("data: no data files given");
        }
        return files;
    }
}
