package io.step3vl.train.data.source;

import io.step3vl.common.UserError;
import io.step3vl.train.data.read.SampleKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One data source of a run: a name, its files or directories, its mixing weight, and what its
 * records must be. Written on the command line or in a recipe as {@code [name=]path[,path...][@weight]},
 * e.g. {@code text=data/text.jsonl@9} and {@code mm=data/shapes/sft.jsonl,data/shapes/wds@1}.
 */
public record SourceSpec(String name, List<Path> paths, double weight, SampleKind kind) {
    public SourceSpec {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new UserError("data: source " + name + " has no paths");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new UserError("data: source " + name + ": weight: expected a positive number, got " + weight);
        }
    }

    /** Parses {@code [name=]path[,path...][@weight]}; the name defaults to the first path's file name. */
    public static SourceSpec parse(String spec, SampleKind kind) {
        String s = spec.trim();
        if (s.isEmpty()) {
            throw new UserError("data: empty source; expected [name=]path[,path...][@weight]");
        }
        double weight = 1;
        int at = s.lastIndexOf('@');
        if (at > 0) {
            String w = s.substring(at + 1);
            try {
                weight = Double.parseDouble(w);
                s = s.substring(0, at);
            } catch (NumberFormatException e) {
                throw new UserError("data: " + spec + ": weight after '@' must be a number, got '" + w + "'");
            }
        }
        String name = null;
        int eq = s.indexOf('=');
        if (eq > 0 && !s.substring(0, eq).contains("/")) {
            name = s.substring(0, eq);
            s = s.substring(eq + 1);
        }
        List<Path> paths = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                paths.add(Path.of(p.trim()));
            }
        }
        if (paths.isEmpty()) {
            throw new UserError("data: " + spec + ": no path; expected [name=]path[,path...][@weight]");
        }
        if (name == null) {
            name = paths.get(0).getFileName().toString();
        }
        return new SourceSpec(name, paths, weight, kind);
    }
}
