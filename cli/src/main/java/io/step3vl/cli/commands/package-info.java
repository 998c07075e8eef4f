/**
 * The host's built-in commands: {@code plugins}, {@code completion} and {@code doctor}. Each is a
 * small picocli command that gathers its inputs and delegates to the host's library code.
 */
package io.step3vl.cli.commands;
