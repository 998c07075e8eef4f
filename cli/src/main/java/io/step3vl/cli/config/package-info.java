/**
 * The one precedence for option values, applied to every command: flag &gt; {@code STEP3VL_<OPTION>}
 * environment variable &gt; {@code --config} file &gt; the option's default. Implemented as a picocli
 * default-value provider, so commands see ordinary option values and never read config files
 * themselves; unknown keys are reported all at once, naming each key.
 */
package io.step3vl.cli.config;
