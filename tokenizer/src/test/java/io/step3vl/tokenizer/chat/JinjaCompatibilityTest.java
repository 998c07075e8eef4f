package io.step3vl.tokenizer.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.step3vl.common.UserError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Jinja2 behaviour Hugging Face chat templates rely on, as rendered by our Jinjava setup. */
class JinjaCompatibilityTest {
    private static String render(String template, Map<String, Object> vars) {
        return JinjaEngine.render(JinjaEngine.prepare(template), new HashMap<>(vars), "test template");
    }

    private static String render(String template) {
        return render(template, Map.of("xs", List.of(1, 2, 3, 4), "s", "  a,b,,c  \n"));
    }

    @Test
    void pythonStringMethods() {
        assertThat(render("{{ 'abc'.startswith('ab') }} {{ 'abc'.endswith(('x', 'c')) }} {{ 'abc'.startswith('b', 1) }}"))
                .isEqualTo("true true true");
        assertThat(render("[{{ s.strip() }}] [{{ s.lstrip() }}] [{{ s.rstrip() }}] [{{ 'xxhixx'.strip('x') }}]"))
                .isEqualTo("[a,b,,c] [a,b,,c  \n] [  a,b,,c] [hi]");
        // Python split: literal separator, empty pieces kept, no-arg form splits on whitespace runs
        assertThat(render("{{ s.strip().split(',') }}|{{ 'a|b'.split('|')[-1] }}|{{ ' a  b '.split() }}|{{ 'a,b,c'.split(',', 1) }}"))
                .isEqualTo("['a', 'b', '', 'c']|b|['a', 'b']|['a', 'b,c']");
        assertThat(render("{{ 'a,b,c'.rsplit(',', 1) }}|{{ 'x\\ny\\n'.splitlines() }}"))
                .isEqualTo("['a,b', 'c']|['x', 'y']");
        assertThat(render("{{ 'Hello'.upper() }} {{ 'Hello'.lower() }} {{ 'hello world'.title() }} {{ 'hELLO'.capitalize() }}"))
                .isEqualTo("HELLO hello Hello World Hello");
        assertThat(render("{{ 'aaa'.replace('a', 'b', 2) }} {{ 'abcabc'.find('c') }} {{ 'abcabc'.count('bc') }} {{ '-'.join(['a', 'b']) }}"))
                .isEqualTo("bba 2 2 a-b");
        assertThat(render("{{ '12'.isdigit() }} {{ 'ab'.isalpha() }} {{ ' '.isspace() }} {{ ''.isdigit() }}"))
                .isEqualTo("true true true false");
    }

    @Test
    void slicesWithStepsAndNegativeBounds() {
        assertThat(render("{% for x in xs[::-1] %}{{ x }}{% endfor %}|{{ xs[1:] }}|{{ xs[:-1] }}|{{ xs[::2] }}|{{ xs[-2:] }}"))
                .isEqualTo("4321|[2, 3, 4]|[1, 2, 3]|[1, 3]|[3, 4]");
        assertThat(render("{{ 'hello'[1:3] }}|{{ 'hello'[::-1] }}|{{ xs[1:][::-1] }}|{{ xs[xs[0]:] }}"))
                .isEqualTo("el|olleh|[4, 3, 2]|[2, 3, 4]");
        // slice syntax inside string literals and outside tags is text
        assertThat(render("a[::-1] {{ '[::-1]' }}")).isEqualTo("a[::-1] [::-1]");
    }

    @Test
    void namespacesAndKeywordArgumentsWithExpressions() {
        assertThat(render("{% set ns = namespace(last=xs|length - 1, found=false) %}"
                + "{% for x in xs %}{% if x == 3 %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.last }} {{ ns.found }}"))
                .isEqualTo("3 true");
    }

    @Test
    void loopControlsAndLoopVariables() {
        assertThat(render("{% for x in xs %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}"
                + "{{ x }}{{ loop.index0 }}{{ '.' if loop.first }}{% endfor %}")).isEqualTo("10.32");
        assertThat(render("{% for x in xs %}{% if loop.last %}{{ loop.index }}{% endif %}{% endfor %}")).isEqualTo("4");
    }

    @Test
    void whitespaceControlMatchesJinja2WithTrimAndLstripBlocks() {
        assertThat(render("A\n    {{- 'x' }}\n  {{ 'y' -}}  \n B")).isEqualTo("Ax\n  yB");
        assertThat(render("{% for x in xs %}\n    {{ x }}\n{% endfor %}")).isEqualTo("    1\n    2\n    3\n    4\n");
        // trim_blocks eats the newline after a block tag; keep_trailing_newline=False drops one final newline
        assertThat(render("{% if true %}\nyes\n{% endif %}\n")).isEqualTo("yes\n");
        assertThat(render("{#- a comment -#}\n  x")).isEqualTo("x");
        assertThat(render("b {# c #} d|a\n  {# own line #}\nb|x  {#- c #}|")).isEqualTo("b  d|a\nb|x|");
    }

    @Test
    void tojsonUsesPythonSeparatorsAndKeepsUnicode() {
        Map<String, Object> tool = new java.util.LinkedHashMap<>();
        tool.put("name", "f");
        tool.put("args", List.of(1, 2.5, true, "é\"\n"));
        tool.put("none", null);
        assertThat(render("{{ t | tojson }}", Map.of("t", tool)))
                .isEqualTo("{\"name\": \"f\", \"args\": [1, 2.5, true, \"é\\\"\\n\"], \"none\": null}");
        assertThat(render("{{ t | tojson(indent=2) }}", Map.of("t", Map.of("a", List.of(1)))))
                .isEqualTo("{\n  \"a\": [\n    1\n  ]\n}");
        assertThat(PyJsonFilter.pyFloat(1e-7)).isEqualTo("1e-07");
        assertThat(PyJsonFilter.pyFloat(1e16)).isEqualTo("1e+16");
        assertThat(PyJsonFilter.pyFloat(123456.0)).isEqualTo("123456.0");
        assertThat(PyJsonFilter.pyFloat(0.0001)).isEqualTo("0.0001");
    }

    @Test
    void testsAndOperatorsTemplatesUse() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("m", Map.of("role", "user", "content", "hi"));
        vars.put("flag", false);
        assertThat(render("{{ m.content is string }} {{ m.nothing is defined }} {{ m.nothing is none }} "
                + "{{ flag is false }} {{ 'i' in m.content }} {{ 'x' not in m.content }} {{ m['role'] }} {{ m.get('role') }}", vars))
                .isEqualTo("true false true true true true user user");
        assertThat(render("{{ 1 + 2 * 3 }} {{ 'a' ~ 1 }} {{ [1] + [2] }} {{ (xs | length) - 1 }}")).isEqualTo("7 a1 [1, 2] 3");
    }

    @Test
    void raiseExceptionBecomesAUserErrorWithTheTemplatesMessage() {
        assertThatThrownBy(() -> render("{{ raise_exception('Only user and assistant roles are supported!') }}"))
                .isInstanceOf(UserError.class)
                .hasMessage("test template: the chat template refused this conversation: "
                        + "Only user and assistant roles are supported!");
    }

    @Test
    void templateErrorsNameTheTemplate() {
        assertThatThrownBy(() -> render("{{ no_such_function(1) }}"))
                .isInstanceOf(UserError.class).hasMessageStartingWith("test template: line 1:");
    }

    @Test
    void generationTagRendersItsBody() {
        assertThat(render("a{% generation %}b{{ 1 }}{% endgeneration %}c")).isEqualTo("ab1c");
    }

    @Test
    void strftimeNowGivesTheDate() {
        assertThat(render("{{ strftime_now('%Y') }}")).matches("\\d{4}");
    }

    @Test
    void rewriterLeavesMacrosAndLiteralsAlone() {
        assertThat(ExpressionRewriter.expression(" f(a=x - 1, b) ")).isEqualTo(" f(a=(x - 1), b) ");
        assertThat(ExpressionRewriter.expression(" x == (y) and f(z==1) ")).isEqualTo(" x == (y) and f(z==1) ");
        assertThat(ExpressionRewriter.rewrite("{% macro m(a, b=1) %}{{ a }}{% endmacro %}{{ m(1, b=2 + 3) }}"))
                .isEqualTo("{% macro m(a, b=1) %}{{ a }}{% endmacro %}{{ m(1, b=(2 + 3)) }}");
        assertThat(render("{% macro m(a, b=1) %}{{ a + b }}{% endmacro %}{{ m(1, b=2 + 3) }}")).isEqualTo("6");
    }
}
