/**
 * The one root error handler: every failure becomes one line on stderr naming what was wrong and
 * what was expected, with exit code 2 for usage/input errors ({@link io.step3vl.common.UserError},
 * bad flags) and 1 for runtime failures; stack traces only with {@code -v}. Unknown commands and
 * options get the closest known name as a suggestion.
 */
package io.step3vl.cli.errors;
