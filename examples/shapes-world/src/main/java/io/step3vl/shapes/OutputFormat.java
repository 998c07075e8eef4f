package io.step3vl.shapes;

import java.util.Locale;

/** Which files a generation writes: JSONL + PNG, WebDataset shards, or both. */
public enum OutputFormat {
    JSONL, WDS, BOTH;

    public boolean jsonl() {
        return this != WDS;
    }

    public boolean shards() {
        return this != JSONL;
    }

    public static OutputFormat parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "jsonl" -> JSONL;
            case "wds", "webdataset", "tar" -> WDS;
            case "both" -> BOTH;
            default -> throw new IllegalArgumentException("expected jsonl, wds or both, got '" + name + "'");
        };
    }
}
