package io.step3vl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Asks a real bash what a completion script offers for a command line ending in a partial word. */
public final class ShellCompletion {
    private ShellCompletion() {}

    /**
     * Sources {@code script} in bash and runs its completion function as bash would for
     * {@code words} (the last one being the word under the cursor); returns COMPREPLY.
     */
    public static List<String> bash(Path script, String... words) throws IOException, InterruptedException {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w.replace("'", "'\\''")).append('\'');
        }
        String line = String.join(" ", words);
        String program = "source '" + script + "'\n"
                + "compopt() { :; }\n" // only meaningful inside a real completion
                + "COMP_WORDS=(" + array + " )\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line.replace("'", "'\\''") + "'\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "_complete_step3vl step3vl '" + words[words.length - 1] + "' '" + words[words.length - 2] + "'\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process process = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("bash failed: " + output);
        }
        List<String> offers = new ArrayList<>();
        Arrays.stream(output.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).forEach(offers::add);
        return offers;
    }

    /**
     * What an interactive zsh offers on TAB for {@code line}, with {@code fpathDir} (holding
     * {@code _step3vl}) first on $fpath; driven through a pseudo-terminal by zsh-complete.zsh.
     */
    public static List<String> zsh(Path fpathDir, String line) throws IOException, InterruptedException {
        Path driver = Files.createTempFile("zsh-complete", ".zsh");
        try {
            try (java.io.InputStream in = ShellCompletion.class.getResourceAsStream("/zsh-complete.zsh")) {
                Files.write(driver, in.readAllBytes());
            }
            Process process = new ProcessBuilder("zsh", "-f", driver.toString(), fpathDir.toString(), line)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("zsh failed: " + output);
            }
            return output.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } finally {
            Files.deleteIfExists(driver);
        }
    }

    /** Whether a program is on PATH. */
    public static boolean available(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
