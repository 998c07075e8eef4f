package io.step3vl.tokenizer.chat;

import com.hubspot.jinjava.objects.date.StrftimeFormatter;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Global functions Hugging Face gives chat templates, plus the slice helper of {@link ExpressionRewriter}. */
public final class TemplateFunctions {
    private TemplateFunctions() {}

    /** Thrown by {@code raise_exception(msg)}: the template refused the conversation. */
    static final class TemplateRaise extends RuntimeException {
        TemplateRaise(String message) {
            super(message);
        }
    }

    /** {@code raise_exception(message)}: aborts rendering with the template's own message. */
    public static Object raiseException(Object message) {
        throw new TemplateRaise(String.valueOf(message));
    }

    /** {@code strftime_now(format)}: the local time formatted with Python strftime codes. */
    public static String strftimeNow(String format) {
        return StrftimeFormatter.format(ZonedDateTime.now(), format);
    }

    /** Python {@code seq[start:stop:step]} on a list or string (null bounds = omitted). */
    public static Object pySlice(Object seq, Object start, Object stop, Object step) {
        int st = step == null ? 1 : ((Number) step).intValue();
        if (st == 0) {
            throw new IllegalArgumentException("slice step cannot be zero");
        }
        if (seq instanceof String s) {
            int[] cps = s.codePoints().toArray();
            StringBuilder sb = new StringBuilder();
            for (int i : indices(cps.length, start, stop, st)) {
                sb.appendCodePoint(cps[i]);
            }
            return sb.toString();
        }
        if (seq instanceof Collection<?> c) {
            List<?> list = new ArrayList<>(c);
            List<Object> out = new ArrayList<>();
            for (int i : indices(list.size(), start, stop, st)) {
                out.add(list.get(i));
            }
            return out;
        }
        throw new IllegalArgumentException("cannot slice " + (seq == null ? "none" : seq.getClass().getSimpleName()));
    }

    /** The indices Python's slice.indices(len) visits. */
    private static int[] indices(int len, Object start, Object stop, int step) {
        int lo;
        int hi;
        if (step > 0) {
            lo = start == null ? 0 : bound(((Number) start).intValue(), len, 0, len);
            hi = stop == null ? len : bound(((Number) stop).intValue(), len, 0, len);
        } else {
            lo = start == null ? len - 1 : bound(((Number) start).intValue(), len, -1, len - 1);
            hi = stop == null ? -1 : bound(((Number) stop).intValue(), len, -1, len - 1);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = lo; step > 0 ? i < hi : i > hi; i += step) {
            out.add(i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int bound(int index, int len, int min, int max) {
        int i = index < 0 ? index + len : index;
        return Math.max(min, Math.min(max, i));
    }
}
