/**
 * The plugin API: how a jar adds a subcommand to {@code step3vl}.
 *
 * <ul>
 *   <li>{@link io.step3vl.plugin.StageCommand} — the PF4J extension point. A plugin's entry class is
 *       {@code @org.pf4j.Extension @picocli.CommandLine.Command(name = "...", footer = {examples})},
 *       implements {@code StageCommand} and {@code Callable<Integer>}, and returns an exit code from
 *       {@link io.step3vl.common.ExitCode}.</li>
 *   <li>{@link io.step3vl.plugin.CommonOptions} — the shared-options mixin ({@code --config},
 *       {@code --out}, {@code --seed}, {@code --device}, {@code -v}, {@code -q}, {@code --json},
 *       {@code --dry-run}); the host applies config files, environment variables and dry runs.</li>
 *   <li>{@link io.step3vl.plugin.StageContext} — option values, streams and logging for the stage's
 *       {@code call()}, with no picocli types, so library code can receive it.</li>
 *   <li>{@link io.step3vl.plugin.EffectiveOptions} — the flat key/value view of parsed options that
 *       {@code --dry-run} prints and stages save next to their outputs.</li>
 * </ul>
 *
 * <p>Plugin jars declare {@code Plugin-Id}, {@code Plugin-Version}, {@code Plugin-Requires} (checked
 * against {@link io.step3vl.plugin.PluginApi#API_VERSION}), {@code Plugin-Provider} and
 * {@code Plugin-Description} in their manifest, and depend on this module, picocli and PF4J with
 * scope {@code provided}: the host supplies them at run time.
 */
package io.step3vl.plugin;
