/**
 * Shell completion scripts generated from the live command model (host commands plus whatever
 * plugins are installed): bash through picocli's generator, zsh as a native {@code _arguments}
 * script. The build runs {@link io.step3vl.cli.completion.WriteCompletions} against the bundled
 * plugins to produce the committed scripts under completions/.
 */
package io.step3vl.cli.completion;
