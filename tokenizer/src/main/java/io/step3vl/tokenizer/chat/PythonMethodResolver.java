package io.step3vl.tokenizer.chat;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Locale;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Resolves Python {@code str} method calls on strings ({@code content.startswith('<tool_response>')},
 * {@code text.split('</think>')[-1].lstrip('\n')}) ahead of Jinjava's bean resolver, which would
 * otherwise call Java's methods or fail. Everything else passes through unresolved.
 */
final class PythonMethodResolver extends ELResolver {
    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String s) || method == null) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        Object result = call(s, method.toString(), args);
        if (result != NOT_A_METHOD) {
            context.setPropertyResolved(true);
            return result;
        }
        return null;
    }

    private static final Object NOT_A_METHOD = new Object();

    private static Object call(String s, String name, Object[] a) {
        return switch (name) {
            case "startswith" -> a.length >= 1 ? PythonStrings.startsWith(slice(s, a, 1), a[0]) : NOT_A_METHOD;
            case "endswith" -> a.length >= 1 ? PythonStrings.endsWith(slice(s, a, 1), a[0]) : NOT_A_METHOD;
            case "strip" -> PythonStrings.strip(s, chars(a), true, true);
            case "lstrip" -> PythonStrings.strip(s, chars(a), true, false);
            case "rstrip" -> PythonStrings.strip(s, chars(a), false, true);
            case "split" -> PythonStrings.split(s, chars(a), maxSplit(a));
            case "rsplit" -> PythonStrings.rsplit(s, chars(a), maxSplit(a));
            case "splitlines" -> splitLines(s);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> PythonStrings.title(s);
            case "capitalize" -> PythonStrings.capitalize(s);
            case "replace" -> a.length >= 2 ? PythonStrings.replace(s, str(a[0]), str(a[1]),
                    a.length >= 3 ? ((Number) a[2]).intValue() : -1) : NOT_A_METHOD;
            case "find" -> a.length >= 1 ? (long) s.indexOf(str(a[0]), start(a)) : NOT_A_METHOD;
            case "rfind" -> a.length >= 1 ? (long) s.lastIndexOf(str(a[0])) : NOT_A_METHOD;
            case "count" -> a.length >= 1 ? (long) PythonStrings.count(s, str(a[0])) : NOT_A_METHOD;
            case "join" -> a.length == 1 ? PythonStrings.join(s, a[0]) : NOT_A_METHOD;
            case "removeprefix" -> a.length == 1 && s.startsWith(str(a[0])) ? s.substring(str(a[0]).length())
                    : a.length == 1 ? s : NOT_A_METHOD;
            case "removesuffix" -> a.length == 1 && s.endsWith(str(a[0])) && !str(a[0]).isEmpty()
                    ? s.substring(0, s.length() - str(a[0]).length()) : a.length == 1 ? s : NOT_A_METHOD;
            case "isdigit", "isnumeric", "isdecimal" -> PythonStrings.all(s, Character::isDigit);
            case "isalpha" -> PythonStrings.all(s, Character::isLetter);
            case "isalnum" -> PythonStrings.all(s, Character::isLetterOrDigit);
            case "isspace" -> PythonStrings.all(s, PythonStrings::isSpace);
            case "isupper" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(Locale.ROOT));
            case "islower" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(Locale.ROOT));
            default -> NOT_A_METHOD;
        };
    }

    private static final java.util.regex.Pattern LINE_BREAK =
            java.util.regex.Pattern.compile("\r\n|[\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029]");

    /** Python's splitlines(): like split on line breaks, without a final empty piece. */
    private static java.util.List<String> splitLines(String s) {
        String[] pieces = LINE_BREAK.split(s, -1);
        int n = pieces[pieces.length - 1].isEmpty() ? pieces.length - 1 : pieces.length;
        return java.util.List.of(pieces).subList(0, n);
    }

    /** startswith(prefix, start, end): the part of s the test looks at. */
    private static String slice(String s, Object[] a, int from) {
        int start = a.length > from && a[from] instanceof Number n ? clamp(n.intValue(), s.length()) : 0;
        int end = a.length > from + 1 && a[from + 1] instanceof Number n ? clamp(n.intValue(), s.length()) : s.length();
        return start <= end ? s.substring(start, end) : "";
    }

    private static int clamp(int index, int length) {
        int i = index < 0 ? index + length : index;
        return Math.max(0, Math.min(length, i));
    }

    private static int start(Object[] a) {
        return a.length > 1 && a[1] instanceof Number n ? n.intValue() : 0;
    }

    private static String chars(Object[] a) {
        return a.length >= 1 && a[0] != null ? str(a[0]) : null;
    }

    private static int maxSplit(Object[] a) {
        return a.length >= 2 && a[1] instanceof Number n ? n.intValue() : -1;
    }

    private static String str(Object o) {
        return String.valueOf(o);
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // read-only: never resolves properties
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
