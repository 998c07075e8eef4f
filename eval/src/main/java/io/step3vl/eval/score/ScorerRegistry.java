package io.step3vl.eval.score;

import io.step3vl.common.UserError;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scorers by name, with options (from a suite file's {@code scorer_options} or an RL recipe):
 * <ul>
 *   <li>{@code auto} — by answer type; accepts every option below and hands each scorer its own</li>
 *   <li>{@code choice}</li>
 *   <li>{@code numeric} — {@code rel_tol} (1e-6), {@code abs_tol} (1e-9)</li>
 *   <li>{@code exact}</li>
 *   <li>{@code anls} — {@code tau} (0.5)</li>
 *   <li>{@code math} — {@code require_boxed} (false), {@code math_rel_tol} (1e-6)</li>
 *   <li>{@code iou} (continuous) and {@code iou@T} (1 when IoU ≥ T, e.g. {@code iou@0.5}) — {@code answer_format}
 *       (auto|norm1000|pixel|unit)</li>
 *   <li>{@code point} (thresholded) and {@code point-distance} (continuous) — {@code threshold} (0.05),
 *       {@code radius} (0.2), {@code answer_format}</li>
 * </ul>
 */
public final class ScorerRegistry {
    /** The names {@link #create} accepts ({@code iou@T} stands for any threshold). */
    public static final List<String> NAMES =
            List.of("auto", "choice", "numeric", "exact", "anls", "math", "iou", "iou@T", "point", "point-distance");

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "choice", Set.of(),
            "numeric", Set.of("rel_tol", "abs_tol"),
            "exact", Set.of(),
            "anls", Set.of("tau"),
            "math", Set.of("require_boxed", "math_rel_tol"),
            "iou", Set.of("answer_format"),
            "point", Set.of("threshold", "radius", "answer_format"),
            "point-distance", Set.of("threshold", "radius", "answer_format"));

    private ScorerRegistry() {}

    public static Scorer create(String name) {
        return create(name, Map.of());
    }

    /** Builds a scorer; an unknown name, unknown option or bad value is a {@link UserError}. */
    public static Scorer create(String name, Map<String, ?> options) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        String family = n.startsWith("iou@") ? "iou" : n;
        if (!family.equals("auto") && !OPTIONS.containsKey(family)) {
            throw new UserError("scorer: expected one of " + String.join("|", NAMES) + ", got '" + name + "'");
        }
        Set<String> allowed = new HashSet<>();
        if (family.equals("auto")) {
            OPTIONS.values().forEach(allowed::addAll);
        } else {
            allowed.addAll(OPTIONS.get(family));
        }
        for (String key : options.keySet()) {
            if (!allowed.contains(key)) {
                throw new UserError("scorer " + n + ": unknown option '" + key + "'"
                        + (allowed.isEmpty() ? " (it takes none)" : ", expected one of " + String.join("|", new java.util.TreeSet<>(allowed))));
            }
        }
        Options o = new Options(n, options);
        return switch (family) {
            case "auto" -> {
                Map<AnswerType, Scorer> byType = new EnumMap<>(AnswerType.class);
                byType.put(AnswerType.CHOICE, new ChoiceScorer());
                byType.put(AnswerType.NUMBER, numeric(o));
                byType.put(AnswerType.TEXT, new ExactMatchScorer());
                byType.put(AnswerType.MATH, math(o));
                byType.put(AnswerType.OCR, new AnlsScorer(o.number("tau", 0.5)));
                byType.put(AnswerType.BOX, new BoxIouScorer(0.5, o.format()));
                byType.put(AnswerType.POINT, point(false, o));
                yield new AutoScorer(byType);
            }
            case "choice" -> new ChoiceScorer();
            case "numeric" -> numeric(o);
            case "exact" -> new ExactMatchScorer();
            case "anls" -> new AnlsScorer(o.number("tau", 0.5));
            case "math" -> math(o);
            case "iou" -> new BoxIouScorer(n.equals("iou") ? null : threshold(n), o.format());
            case "point" -> point(false, o);
            case "point-distance" -> point(true, o);
            default -> throw new IllegalStateException(family);
        };
    }

    /** The scorer {@code auto} uses for an answer type. */
    public static Scorer forType(AnswerType type) {
        return create("auto").resolve(Reference.of("", type));
    }

    private static Scorer numeric(Options o) {
        return new NumericScorer(o.number("rel_tol", 1e-6), o.number("abs_tol", 1e-9));
    }

    private static Scorer math(Options o) {
        return new MathScorer(o.bool("require_boxed", false), o.number("math_rel_tol", 1e-6));
    }

    private static Scorer point(boolean continuous, Options o) {
        return new PointScorer(continuous, o.number("threshold", 0.05), o.number("radius", 0.2), o.format());
    }

    private static double threshold(String name) {
        String t = name.substring("iou@".length());
        try {
            double v = Double.parseDouble(t);
            if (v > 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UserError("scorer " + name + ": expected an IoU threshold in (0, 1] after '@', e.g. iou@0.5");
    }

    /** Typed access to an options map, with one-line errors naming the scorer and key. */
    private record Options(String scorer, Map<String, ?> values) {
        double number(String key, double fallback) {
            Object v = values.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                double d = v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
                if (d >= 0 && Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new UserError("scorer " + scorer + ": option " + key + ": expected a non-negative number, got '" + v + "'");
        }

        boolean bool(String key, boolean fallback) {
            Object v = values.get(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            String s = v.toString().trim().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return Boolean.parseBoolean(s);
            }
            throw new UserError("scorer " + scorer + ": option " + key + ": expected true or false, got '" + v + "'");
        }

        CoordinateFormat format() {
            Object v = values.get("answer_format");
            return v == null ? CoordinateFormat.AUTO : CoordinateFormat.parse(v.toString(), "scorer " + scorer + ": option answer_format");
        }
    }
}
