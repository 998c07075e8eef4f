package io.step3vl.tokenizer.chat;

/**
 * Rewrites the Jinja2 expression syntax Jinjava parses differently, before Jinjava sees the template:
 * <ul>
 *   <li>Python slices ({@code messages[::-1]}, {@code text[1:]}) become calls of
 *       {@code py_slice(seq, start, stop, step)}: Jinjava rejects a slice step;</li>
 *   <li>keyword-argument values are parenthesised ({@code namespace(i=messages|length - 1)}):
 *       Jinjava would bind {@code i=messages|length} first and then subtract from it.</li>
 * </ul>
 * Text outside {@code {{ }}} / {@code {% %}}, comments, string literals and {@code {% raw %}} blocks are
 * left alone, as are the parameter lists of {@code macro} and {@code call} tags.
 */
final class ExpressionRewriter {
    static final String FUNCTION = "py_slice";

    private ExpressionRewriter() {}

    static String rewrite(String template) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        int n = template.length();
        while (i < n) {
            if (template.startsWith("{#", i)) {
                i = dropComment(template, i, out);
            } else if (template.startsWith("{{", i) || template.startsWith("{%", i)) {
                String close = template.charAt(i + 1) == '{' ? "}}" : "%}";
                int end = closingDelimiter(template, i + 2, close);
                String inner = template.substring(i + 2, end);
                String keyword = inner.replaceFirst("^[-+]?\\s*", "").split("[\\s(]", 2)[0];
                boolean declaration = keyword.equals("macro") || keyword.equals("call");
                out.append(template, i, i + 2).append(declaration ? inner : expression(inner));
                i = end;
                if (close.equals("%}") && inner.replace("-", "").replace("+", "").trim().equals("raw")) {
                    int endRaw = rawEnd(template, i);
                    out.append(template, i, endRaw);
                    i = endRaw;
                }
            } else {
                out.append(template.charAt(i++));
            }
        }
        return out.toString();
    }

    /**
     * Removes the comment starting at {@code start}, applying Jinja2's whitespace rules for comments
     * ({@code {#-}/{@code -#}} strip all whitespace on that side; otherwise lstrip_blocks removes the
     * indentation before a comment that starts a line and trim_blocks one newline after it), which
     * Jinjava applies differently. Returns the index after the comment and the whitespace it consumed.
     */
    private static int dropComment(String template, int start, StringBuilder out) {
        int close = template.indexOf("#}", start + 2);
        if (close < 0) {
            out.append(template, start, template.length()); // unterminated: let Jinjava report it
            return template.length();
        }
        boolean stripLeft = template.startsWith("{#-", start);
        boolean stripRight = close > start + 2 && template.charAt(close - 1) == '-';
        int lineStart = out.lastIndexOf("\n") + 1;
        if (stripLeft) {
            int keep = out.length();
            while (keep > 0 && Character.isWhitespace(out.charAt(keep - 1))) {
                keep--;
            }
            out.setLength(keep);
        } else if (out.substring(lineStart).isBlank()) {
            out.setLength(lineStart);
        }
        int i = close + 2;
        if (stripRight) {
            while (i < template.length() && Character.isWhitespace(template.charAt(i))) {
                i++;
            }
        } else if (template.startsWith("\r\n", i)) {
            i += 2;
        } else if (i < template.length() && template.charAt(i) == '\n') {
            i++;
        }
        return i;
    }

    /** Index of the closing delimiter of a tag starting at {@code from}, skipping string literals. */
    private static int closingDelimiter(String s, int from, String close) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = stringEnd(s, i);
            } else if (s.startsWith(close, i)) {
                return i;
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int rawEnd(String s, int from) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%}").matcher(s);
        return m.find(from) ? m.start() : s.length();
    }

    /** Index just past the string literal starting at {@code start} (a quote character). */
    private static int stringEnd(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** Rewrites the slices of one expression (the inside of a tag), innermost first. */
    static String expression(String expr) {
        StringBuilder out = new StringBuilder(expr.length());
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '\'' || c == '"') {
                int end = stringEnd(expr, i);
                out.append(expr, i, end);
                i = end;
            } else if (c == '(') {
                int close = matching(expr, i);
                String inside = expr.substring(i + 1, close);
                boolean call = operandStart(out) < out.length();
                out.append('(').append(call ? arguments(inside) : expression(inside)).append(')');
                i = close + 1;
            } else if (c == '[') {
                int close = matching(expr, i);
                String inside = expr.substring(i + 1, close);
                int[] colons = topLevelColons(inside);
                int operandStart = operandStart(out);
                if (colons.length > 0 && colons.length <= 2 && operandStart < out.length()) {
                    String operand = out.substring(operandStart);
                    out.setLength(operandStart);
                    out.append(FUNCTION).append('(').append(operand);
                    int from = 0;
                    for (int k = 0; k <= 2; k++) {
                        String part = k <= colons.length
                                ? inside.substring(from, k < colons.length ? colons[k] : inside.length()).trim() : "";
                        out.append(", ").append(part.isEmpty() ? "none" : expression(part));
                        from = k < colons.length ? colons[k] + 1 : inside.length();
                    }
                    out.append(')');
                } else {
                    out.append('[').append(expression(inside)).append(']');
                }
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern KEYWORD_ARGUMENT =
            java.util.regex.Pattern.compile("^(\\s*[A-Za-z_][A-Za-z0-9_]*\\s*=)(?!=)(.*)$", java.util.regex.Pattern.DOTALL);

    /** A call's argument list with each keyword argument's value in parentheses. */
    private static String arguments(String inside) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int comma : topLevel(inside, ',')) {
            out.append(argument(inside.substring(from, comma))).append(',');
            from = comma + 1;
        }
        return out.append(argument(inside.substring(from))).toString();
    }

    private static String argument(String arg) {
        java.util.regex.Matcher m = KEYWORD_ARGUMENT.matcher(arg);
        if (m.matches() && !m.group(2).isBlank()) {
            return m.group(1) + "(" + expression(m.group(2)) + ")";
        }
        return expression(arg);
    }

    /** Index of the bracket closing the one at {@code open} (string literals and nesting respected). */
    private static int matching(String s, int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = stringEnd(s, i);
                continue;
            }
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
            i++;
        }
        return s.length() - 1;
    }

    private static int[] topLevelColons(String s) {
        return topLevel(s, ':');
    }

    /** Positions of {@code separator} outside brackets and string literals. */
    private static int[] topLevel(String s, char separator) {
        java.util.List<Integer> colons = new java.util.ArrayList<>();
        int depth = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = stringEnd(s, i);
                continue;
            }
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
            } else if (c == separator && depth == 0) {
                colons.add(i);
            }
            i++;
        }
        return colons.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Start of the postfix expression that ends the buffer (name, attribute chain, calls, subscripts,
     * a string literal), i.e. what a following {@code [..]} subscripts. Equal to the length when the
     * bracket is not a subscript (a list literal).
     */
    private static int operandStart(CharSequence s) {
        int i = s.length();
        while (i > 0) {
            char c = s.charAt(i - 1);
            if (c == ']' || c == ')') {
                i = opening(s, i - 1);
            } else if (c == '\'' || c == '"') {
                int j = i - 2;
                while (j >= 0 && (s.charAt(j) != c || (j > 0 && s.charAt(j - 1) == '\\'))) {
                    j--;
                }
                i = Math.max(j, 0);
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                i--;
            } else {
                break;
            }
        }
        return i;
    }

    private static int opening(CharSequence s, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ']' || c == ')' || c == '}') {
                depth++;
            } else if (c == '[' || c == '(' || c == '{') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return 0;
    }
}
