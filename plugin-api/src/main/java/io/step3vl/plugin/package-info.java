/** The plugin API: the extension point through which a plugin contributes a subcommand. */
package io.step3vl.plugin;
