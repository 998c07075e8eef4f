package io.step3vl.eval.run;

import java.util.List;
import java.util.Map;

/**
 * What produced a set of results: backend, judge, sampling, seed, modes, scoring policy, and how the
 * run went (items generated fresh, reused from the cache, failed).
 */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunInfo(String backend, String judge, Map<String, Object> sampling, long seed, List<String> modes,
                      boolean scoreReasoning, String verifier, int concurrency, int maxContext, String startedAt,
                      String finishedAt, double wallSeconds, int generated, int reused, int failed,
                      List<DatasetInfo> datasets) {}
