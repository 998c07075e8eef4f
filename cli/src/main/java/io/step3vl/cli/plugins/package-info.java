/**
 * Finding and loading plugin jars with PF4J: where plugins come from (the distribution's plugins/
 * folder, {@code $STEP3VL_PLUGINS}, {@code --plugins-dir}), turning each jar's
 * {@link io.step3vl.plugin.StageCommand} extensions into commands, and describing every failure
 * (bad manifest, missing class, incompatible {@code Plugin-Requires}, a command name claimed twice)
 * as one line instead of an exception, so one broken jar never takes the other commands down.
 */
package io.step3vl.cli.plugins;
