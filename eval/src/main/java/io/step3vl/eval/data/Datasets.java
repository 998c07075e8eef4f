package io.step3vl.eval.data;

/** Opens a dataset as a stream of items, whatever its format. */
public final class Datasets {
    private Datasets() {}

    /** Opens {@code spec}'s file; the stream knows its item count. Bad rows fail as they are reached. */
    public static ItemStream open(DatasetSpec spec) {
        return switch (spec.format()) {
            case JSONL -> new JsonlItems(spec);
            case TSV -> new TsvItems(spec);
        };
    }

    /** Reads every item (for tests and small datasets); the whole file is validated. */
    public static java.util.List<EvalItem> readAll(DatasetSpec spec) {
        java.util.List<EvalItem> out = new java.util.ArrayList<>();
        try (ItemStream s = open(spec)) {
            s.forEachRemaining(out::add);
        }
        return out;
    }
}
