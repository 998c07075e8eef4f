package io.step3vl.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import io.step3vl.eval.run.RunInfo;
import io.step3vl.eval.run.ScoredItem;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads what a run left in its directory: scores.jsonl and results.json. */
public final class RunFiles {
    private RunFiles() {}

    /** {@code run} is a run directory (holding scores.jsonl) or a scores.jsonl file. */
    public static Path scoresFile(Path run) {
        Path file = Files.isDirectory(run) ? run.resolve("scores.jsonl") : run;
        if (!Files.isRegularFile(file)) {
            throw UserError.at(run, "expected a run directory with scores.jsonl (from step3vl eval or eval score) "
                    + "or a scores.jsonl file");
        }
        return file;
    }

    public static List<ScoredItem> readScores(Path run) {
        Path file = scoresFile(run);
        List<ScoredItem> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    ScoredItem s = Json.MAPPER.readValue(line, ScoredItem.class);
                    if (s.dataset() == null || s.mode() == null || s.id() == null) {
                        throw new IOException("missing dataset, mode or id");
                    }
                    out.add(s);
                } catch (IOException e) {
                    throw UserError.at(file + ":" + n, "expected a scored item {dataset, mode, id, score, ...}: "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        } catch (IOException e) {
            throw UserError.at(file, "cannot read: " + e.getMessage());
        }
        return out;
    }

    /** The run info from results.json beside {@code fileOrDir}, or null when there is none. */
    public static RunInfo readInfo(Path fileOrDir) {
        Path dir = Files.isDirectory(fileOrDir) ? fileOrDir : fileOrDir.toAbsolutePath().getParent();
        Path results = dir.resolve("results.json");
        if (!Files.isRegularFile(results)) {
            return null;
        }
        JsonNode node = Json.readTree(results).get("run");
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(node, RunInfo.class);
        } catch (IOException e) {
            throw UserError.at(results, "run: not a step3vl results file: " + e.getMessage());
        }
    }
}
