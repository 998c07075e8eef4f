package io.step3vl.eval.score;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number with an optional unit, parsed from answer text: {@code 1,234.5}, {@code -3}, {@code 2.5e3},
 * {@code 3/4}, {@code 45%}, {@code $12}, {@code 12 cm}, {@code 3.5 kg}. Known units of length, mass,
 * time, area and volume convert to their dimension's base unit so {@code 50 mm} equals {@code 5 cm}.
 */
public record Quantity(double value, String unit) {
    /** A number (thousands separators allowed), a fraction a/b, then an optional unit word or symbol. */
    static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.])([-+−]?)(\\$|€|£|¥)?\\s?((?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|\\.\\d+)"
                    + "(?:\\s*/\\s*(\\d+(?:\\.\\d+)?))?"
                    + "(?:\\s*(%|percent\\b|[a-zA-Zµμ°²³]+(?:\\^?[23])?))?");

    private record Unit(String dimension, double factor) {}

    private static final Pattern CURRENCY = Pattern.compile("[$€£¥]");

    private static final Map<String, Unit> UNITS = new HashMap<>();

    static {
        unit("length", 1e-3, "mm", "millimeter", "millimeters", "millimetre", "millimetres");
        unit("length", 1e-2, "cm", "centimeter", "centimeters", "centimetre", "centimetres");
        unit("length", 1, "m", "meter", "meters", "metre", "metres");
        unit("length", 1e3, "km", "kilometer", "kilometers", "kilometre", "kilometres");
        unit("length", 0.0254, "in", "inch", "inches");
        unit("length", 0.3048, "ft", "foot", "feet");
        unit("length", 1609.344, "mi", "mile", "miles");
        unit("mass", 1e-6, "mg", "milligram", "milligrams");
        unit("mass", 1e-3, "g", "gram", "grams");
        unit("mass", 1, "kg", "kilogram", "kilograms");
        unit("mass", 0.45359237, "lb", "lbs", "pound", "pounds");
        unit("time", 1e-3, "ms", "millisecond", "milliseconds");
        unit("time", 1, "s", "sec", "secs", "second", "seconds");
        unit("time", 60, "min", "mins", "minute", "minutes");
        unit("time", 3600, "h", "hr", "hrs", "hour", "hours");
        unit("time", 86400, "day", "days");
        unit("area", 1e-4, "cm2", "cm^2", "cm²");
        unit("area", 1, "m2", "m^2", "m²");
        unit("volume", 1e-3, "ml", "milliliter", "milliliters");
        unit("volume", 1, "l", "liter", "liters", "litre", "litres");
        unit("percent", 1, "%", "percent");
        unit("angle", 1, "°", "deg", "degree", "degrees");
    }

    private static void unit(String dimension, double factor, String... names) {
        for (String n : names) {
            UNITS.put(n, new Unit(dimension, factor));
        }
    }

    /** Every quantity in the text in order, for callers that want the first or the last. */
    static java.util.List<Quantity> all(String text) {
        java.util.List<Quantity> out = new java.util.ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            Quantity q = of(m);
            if (q != null) {
                out.add(q);
            }
        }
        return out;
    }

    /** The first quantity in {@code text}, or null. */
    public static Quantity first(String text) {
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            Quantity q = of(m);
            if (q != null) {
                return q;
            }
        }
        return null;
    }

    /** The last quantity in {@code text}, or null. */
    public static Quantity last(String text) {
        java.util.List<Quantity> all = all(text);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private static Quantity of(Matcher m) {
        boolean negative = m.group(1).equals("-") || m.group(1).equals("−");
        double v;
        try {
            v = Double.parseDouble(m.group(3).replace(",", ""));
            if (m.group(4) != null) {
                double den = Double.parseDouble(m.group(4));
                if (den == 0) {
                    return null;
                }
                v /= den;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        String unit = m.group(5) == null ? "" : m.group(5).toLowerCase(Locale.ROOT);
        if (unit.isEmpty() && m.group(2) != null) {
            unit = m.group(2);
        }
        // A following word that is not a known unit ("3 apples", "5 is") is not part of the number.
        if (!unit.isEmpty() && !UNITS.containsKey(unit) && !CURRENCY.matcher(unit).matches()) {
            unit = "";
        }
        return new Quantity(negative ? -v : v, unit);
    }

    /**
     * This quantity in {@code target}'s unit: unchanged when either has no unit or the units are equal,
     * converted when both are known units of one dimension, null when they cannot be compared.
     */
    public Double in(Quantity target) {
        if (unit.isEmpty() || target.unit.isEmpty() || unit.equals(target.unit)) {
            return value;
        }
        Unit from = UNITS.get(unit);
        Unit to = UNITS.get(target.unit);
        if (from == null || to == null || !from.dimension.equals(to.dimension)) {
            return null;
        }
        return value * from.factor / to.factor;
    }
}
