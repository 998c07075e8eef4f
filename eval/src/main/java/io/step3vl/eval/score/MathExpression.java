package io.step3vl.eval.score;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;

/**
 * A small parser and evaluator for the expressions answers are written in, LaTeX included:
 * numbers, {@code + - * / ^}, {@code \cdot \times \div}, parentheses and braces, {@code \frac{a}{b}},
 * {@code \sqrt{x}}, {@code \sqrt[n]{x}}, {@code \pi}, {@code \infty}, {@code \sin \cos \tan \ln \log \exp},
 * factorials, implicit multiplication ({@code 2\sqrt{3}}, {@code 3x}) and single-letter variables.
 * Input is expected in {@link MathNormalizer} form (no spaces, no {@code \left}). Parsing fails
 * (returns null) rather than guessing on anything else.
 */
public final class MathExpression {
    /** A parsed expression. */
    public interface Node {
        double eval(Map<Character, Double> vars);
    }

    private static final Map<String, DoubleUnaryOperator> FUNCTIONS = new HashMap<>();

    static {
        FUNCTIONS.put("sin", Math::sin);
        FUNCTIONS.put("cos", Math::cos);
        FUNCTIONS.put("tan", Math::tan);
        FUNCTIONS.put("ln", Math::log);
        FUNCTIONS.put("log", Math::log10);
        FUNCTIONS.put("exp", Math::exp);
        FUNCTIONS.put("arcsin", Math::asin);
        FUNCTIONS.put("arccos", Math::acos);
        FUNCTIONS.put("arctan", Math::atan);
    }

    private final String s;
    private final Set<Character> variables = new TreeSet<>();
    private int pos;

    private MathExpression(String s) {
        this.s = s;
    }

    /** A parsed expression with its variables, or null when {@code text} is not an expression. */
    public record Parsed(Node node, Set<Character> variables) {}

    public static Parsed parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 400) {
            return null;
        }
        MathExpression p = new MathExpression(text);
        try {
            Node n = p.expr();
            if (p.pos != p.s.length()) {
                return null;
            }
            return new Parsed(n, Set.copyOf(p.variables));
        } catch (ParseFailure e) {
            return null;
        }
    }

    /** The value of a variable-free expression, or NaN when it is not one. */
    public static double value(String text) {
        Parsed p = parse(text);
        if (p == null || !p.variables().isEmpty()) {
            return Double.NaN;
        }
        return p.node().eval(Map.of());
    }

    private static final class ParseFailure extends RuntimeException {
        ParseFailure() {
            super(null, null, false, false);
        }
    }

    private Node expr() {
        Node left = term();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '+' || c == '-') {
                pos++;
                Node l = left;
                Node r = term();
                left = c == '+' ? v -> l.eval(v) + r.eval(v) : v -> l.eval(v) - r.eval(v);
            } else {
                break;
            }
        }
        return left;
    }

    private Node term() {
        Node left = unary();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            boolean times = c == '*' || eat("\\cdot") || eat("\\times");
            if (c == '*') {
                pos++;
            }
            if (times) {
                Node l = left;
                Node r = unary();
                left = v -> l.eval(v) * r.eval(v);
            } else if (c == '/' || eat("\\div")) {
                if (c == '/') {
                    pos++;
                }
                Node l = left;
                Node r = unary();
                left = v -> l.eval(v) / r.eval(v);
            } else if (startsAtom()) {
                Node l = left;
                Node r = power(); // implicit multiplication binds like *
                left = v -> l.eval(v) * r.eval(v);
            } else {
                break;
            }
        }
        return left;
    }

    private Node unary() {
        if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
            boolean neg = s.charAt(pos) == '-';
            pos++;
            Node inner = unary();
            return neg ? v -> -inner.eval(v) : inner;
        }
        return power();
    }

    private Node power() {
        Node base = postfix(atom());
        if (pos < s.length() && s.charAt(pos) == '^') {
            pos++;
            Node exp;
            if (pos < s.length() && s.charAt(pos) == '{') {
                exp = group('{', '}');
            } else if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
                exp = unary();
            } else {
                exp = power(); // right-associative: 2^3^2 = 2^9
            }
            Node e = exp;
            return v -> Math.pow(base.eval(v), e.eval(v));
        }
        return base;
    }

    private Node postfix(Node atom) {
        while (pos < s.length() && s.charAt(pos) == '!') {
            pos++;
            Node a = atom;
            atom = v -> factorial(a.eval(v));
        }
        return atom;
    }

    private boolean startsAtom() {
        if (pos >= s.length()) {
            return false;
        }
        char c = s.charAt(pos);
        if (c == '(' || c == '{' || Character.isLetter(c) || Character.isDigit(c) || c == '.') {
            return true;
        }
        return c == '\\' && !s.startsWith("\\cdot", pos) && !s.startsWith("\\times", pos) && !s.startsWith("\\div", pos);
    }

    private Node atom() {
        if (pos >= s.length()) {
            throw new ParseFailure();
        }
        char c = s.charAt(pos);
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (c == '(') {
            return group('(', ')');
        }
        if (c == '{') {
            return group('{', '}');
        }
        if (c == '\\') {
            return command();
        }
        if (Character.isLetter(c)) {
            for (Map.Entry<String, DoubleUnaryOperator> f : FUNCTIONS.entrySet()) {
                if (s.startsWith(f.getKey(), pos) && pos + f.getKey().length() < s.length()
                        && "({".indexOf(s.charAt(pos + f.getKey().length())) >= 0) {
                    pos += f.getKey().length();
                    return function(f.getValue());
                }
            }
            if (s.startsWith("sqrt", pos)) {
                pos += 4;
                Node a = atomOrGroup();
                return v -> Math.sqrt(a.eval(v));
            }
            if (s.startsWith("pi", pos) && (pos + 2 >= s.length() || !Character.isLetter(s.charAt(pos + 2)))) {
                pos += 2;
                return v -> Math.PI;
            }
            if (c > 127) {
                throw new ParseFailure();
            }
            pos++;
            variables.add(c);
            return v -> {
                Double x = v.get(c);
                return x == null ? Double.NaN : x;
            };
        }
        throw new ParseFailure();
    }

    private Node command() {
        if (eat("\\frac")) {
            Node num = atomOrGroup();
            Node den = atomOrGroup();
            return v -> num.eval(v) / den.eval(v);
        }
        if (eat("\\sqrt")) {
            if (pos < s.length() && s.charAt(pos) == '[') {
                Node n = group('[', ']');
                Node x = atomOrGroup();
                return v -> nthRoot(x.eval(v), n.eval(v));
            }
            Node x = atomOrGroup();
            return v -> Math.sqrt(x.eval(v));
        }
        if (eat("\\pi")) {
            return v -> Math.PI;
        }
        if (eat("\\infty")) {
            return v -> Double.POSITIVE_INFINITY;
        }
        for (Map.Entry<String, DoubleUnaryOperator> f : FUNCTIONS.entrySet()) {
            if (eat("\\" + f.getKey())) {
                return function(f.getValue());
            }
        }
        throw new ParseFailure();
    }

    private Node function(DoubleUnaryOperator f) {
        Node arg = pos < s.length() && (s.charAt(pos) == '(' || s.charAt(pos) == '{') ? atom() : power();
        return v -> f.applyAsDouble(arg.eval(v));
    }

    /** {@code \frac12}: a single digit or letter stands for a group. */
    private Node atomOrGroup() {
        if (pos < s.length() && s.charAt(pos) == '{') {
            return group('{', '}');
        }
        if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            double d = s.charAt(pos) - '0';
            pos++;
            return v -> d;
        }
        return atom();
    }

    private Node group(char open, char close) {
        if (pos >= s.length() || s.charAt(pos) != open) {
            throw new ParseFailure();
        }
        pos++;
        Node inner = expr();
        if (pos >= s.length() || s.charAt(pos) != close) {
            throw new ParseFailure();
        }
        pos++;
        return inner;
    }

    private Node number() {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        String digits = s.substring(start, pos);
        if (digits.equals(".")) {
            throw new ParseFailure();
        }
        double d = Double.parseDouble(digits);
        return v -> d;
    }

    private boolean eat(String token) {
        if (s.startsWith(token, pos)) {
            int end = pos + token.length();
            // "\pi" must not match the start of "\pitchfork"
            if (token.startsWith("\\") && end < s.length() && Character.isLetter(s.charAt(end))) {
                return false;
            }
            pos = end;
            return true;
        }
        return false;
    }

    private static double nthRoot(double x, double n) {
        if (x < 0 && n % 2 == 1) {
            return -Math.pow(-x, 1 / n);
        }
        return Math.pow(x, 1 / n);
    }

    private static double factorial(double x) {
        if (x < 0 || x != Math.rint(x) || x > 170) {
            return Double.NaN;
        }
        double r = 1;
        for (int i = 2; i <= (int) x; i++) {
            r *= i;
        }
        return r;
    }
}
