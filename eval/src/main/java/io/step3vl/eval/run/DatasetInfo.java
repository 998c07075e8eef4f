package io.step3vl.eval.run;

/**
 * How a dataset was prompted and scored, recorded with its results.
 *
 * @param scorer  the configured scorer name ({@code auto} or a specific one), with its options
 * @param rules   the extraction and comparison rules of every scorer that judged its items
 * @param prompt  the prompt template's name and fingerprint, or "as written"
 */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatasetInfo(String name, String path, String format, String scorer, java.util.Map<String, Object> scorerOptions,
                          String rules, String prompt) {}
