package io.step3vl.tokenizer.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import io.step3vl.common.UserError;
import java.util.Map;
import jinjava.javax.el.CompositeELResolver;

/**
 * Jinjava set up to behave like the Jinja2 environment transformers renders chat templates in:
 * {@code trim_blocks} and {@code lstrip_blocks} on, one trailing newline of the template dropped
 * ({@code keep_trailing_newline=False}), loop controls, {@code raise_exception}, {@code strftime_now},
 * {@code tojson} with Python's separators, Python string methods and slices with steps.
 *
 * <p>Known differences left as they are (no released chat template relies on them): {@code {{ none }}}
 * prints "" not "None", booleans print lower-case, {@code not a in b} parses as {@code (not a) in b}
 * (write {@code a not in b}), {@code 'x' * 3} and {@code loop.previtem} are unsupported.
 */
final class JinjaEngine {
    private static final Jinjava JINJAVA = create();

    private JinjaEngine() {}

    private static Jinjava create() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonMethodResolver());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_WRITE);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withElResolver(resolver)
                .withFailOnUnknownTokens(false)
                .withMaxOutputSize(256L << 20) // a runaway loop fails instead of eating the heap
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true) // {{- x -}} strips like Jinja2
                        .withUseNaturalOperatorPrecedence(true)      // a + b * c, not (a + b) * c
                        .withParseWhitespaceControlStrictly(true)
                        .withKeepNullableLoopValues(true)
                        .withUsePyishObjectMapper(true)              // {{ ['a'] }} prints as Python would
                        .build())
                .build();
        Jinjava jinjava = new Jinjava(config);
        Context global = jinjava.getGlobalContext();
        global.registerFunction(new ELFunctionDefinition("", "raise_exception", TemplateFunctions.class,
                "raiseException", Object.class));
        global.registerFunction(new ELFunctionDefinition("", "strftime_now", TemplateFunctions.class,
                "strftimeNow", String.class));
        global.registerFunction(new ELFunctionDefinition("", ExpressionRewriter.FUNCTION, TemplateFunctions.class,
                "pySlice", Object.class, Object.class, Object.class, Object.class));
        global.registerFilter(new PyJsonFilter());
        global.registerTag(new GenerationTag());
        return jinjava;
    }

    /** Turns a Jinja2 template source into what Jinjava must be given to render it the same way. */
    static String prepare(String source) {
        String s = source;
        if (s.endsWith("\r\n")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("\n") || s.endsWith("\r")) {
            s = s.substring(0, s.length() - 1);
        }
        return ExpressionRewriter.rewrite(s);
    }

    /** Renders a prepared template; any fatal template error is a {@link UserError} naming {@code origin}. */
    static String render(String prepared, Map<String, Object> variables, String origin) {
        RenderResult result = JINJAVA.renderForResult(prepared, variables);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() != TemplateError.ErrorType.FATAL) {
                continue;
            }
            TemplateFunctions.TemplateRaise raised = raised(error.getException());
            if (raised != null) {
                throw new UserError(origin + ": the chat template refused this conversation: " + raised.getMessage());
            }
            throw new UserError(origin + ": line " + error.getLineno() + ": " + error.getMessage()
                    + (error.getFieldName() == null || error.getFieldName().isEmpty() ? "" : " (in '" + error.getFieldName() + "')"));
        }
        return result.getOutput();
    }

    private static TemplateFunctions.TemplateRaise raised(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TemplateFunctions.TemplateRaise raise) {
                return raise;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
