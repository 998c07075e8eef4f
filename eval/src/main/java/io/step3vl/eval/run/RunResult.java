package io.step3vl.eval.run;

import java.util.List;

/** A finished run: its provenance, every item's verdict in dataset/mode/item order, and examples of failures. */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunResult(RunInfo info, List<ScoredItem> items, List<FailureExample> failures) {
    public RunResult {
        items = List.copyOf(items);
        failures = List.copyOf(failures);
    }
}
