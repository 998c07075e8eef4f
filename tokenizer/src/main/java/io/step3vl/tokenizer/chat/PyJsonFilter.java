package io.step3vl.tokenizer.chat;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code tojson} as Hugging Face defines it for chat templates: Python's
 * {@code json.dumps(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)}, i.e.
 * {@code ", "} and {@code ": "} separators (Jinjava's own filter writes compact JSON), non-ASCII kept.
 * Keyword arguments {@code indent}, {@code sort_keys}, {@code ensure_ascii} are honoured.
 */
final class PyJsonFilter implements Filter {
    @Override
    public String getName() {
        return "tojson";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return dumps(var, null, false, false);
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object indent = kwargs.getOrDefault("indent", args.length > 0 ? args[0] : null);
        Integer width = indent instanceof Number n ? n.intValue() : null;
        boolean sortKeys = Boolean.TRUE.equals(kwargs.get("sort_keys"));
        boolean ensureAscii = Boolean.TRUE.equals(kwargs.get("ensure_ascii"));
        return dumps(var, width, sortKeys, ensureAscii);
    }

    static String dumps(Object value, Integer indent, boolean sortKeys, boolean ensureAscii) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, indent, 0, sortKeys, ensureAscii);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, Integer indent, int level, boolean sortKeys,
                              boolean ascii) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            sb.append(pyFloat(((Number) v).doubleValue()));
        } else if (v instanceof Number n) {
            sb.append(n.longValue());
        } else if (v instanceof Map<?, ?> map) {
            Map<?, ?> entries = sortKeys ? new TreeMap<>(stringKeys(map)) : map;
            List<Runnable> items = new ArrayList<>();
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                items.add(() -> {
                    string(sb, String.valueOf(e.getKey()), ascii);
                    sb.append(": ");
                    write(sb, e.getValue(), indent, level + 1, sortKeys, ascii);
                });
            }
            container(sb, '{', '}', items, indent, level);
        } else if (v instanceof Iterable<?> list) {
            List<Runnable> items = new ArrayList<>();
            for (Object item : list) {
                items.add(() -> write(sb, item, indent, level + 1, sortKeys, ascii));
            }
            container(sb, '[', ']', items, indent, level);
        } else if (v.getClass().isArray() && !(v instanceof char[])) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                list.add(java.lang.reflect.Array.get(v, i));
            }
            write(sb, list, indent, level, sortKeys, ascii);
        } else {
            string(sb, String.valueOf(v), ascii);
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        map.forEach((k, val) -> out.put(String.valueOf(k), val));
        return out;
    }

    /** Python's layout: inline with ", " separators, or one item per line with "," and an indent. */
    private static void container(StringBuilder sb, char open, char close, List<Runnable> items,
                                  Integer indent, int level) {
        sb.append(open);
        if (items.isEmpty()) {
            sb.append(close);
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (indent != null) {
                sb.append(i == 0 ? "" : ",").append('\n').append(" ".repeat(indent * (level + 1)));
            } else if (i > 0) {
                sb.append(", ");
            }
            items.get(i).run();
        }
        if (indent != null) {
            sb.append('\n').append(" ".repeat(indent * level));
        }
        sb.append(close);
    }

    private static void string(StringBuilder sb, String s, boolean ascii) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || (ascii && c > 0x7E)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Python float repr: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
    static String pyFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
