package io.step3vl.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The distribution under dist/target/step3vl, run as a separate process with a clean environment. */
final class Distribution {
    static final Path HOME = Path.of(System.getProperty("step3vl.dist", "target/step3vl")).toAbsolutePath();
    static final Path TEST_PLUGINS = Path.of(System.getProperty("step3vl.testPlugins", "target/test-plugins"))
            .toAbsolutePath();
    static final Path REPO_ROOT = Path.of(System.getProperty("step3vl.repoRoot", "..")).toAbsolutePath().normalize();
    /** Shared across tests so DJL unpacks its natives once, not once per isolated HOME. */
    static final Path ENGINE_CACHE = HOME.getParent().resolve("djl-engine-cache");

    private final Path userHome;
    private final Map<String, String> env = new HashMap<>();

    /** @param userHome an empty folder used as HOME (and working directory) */
    Distribution(Path userHome) {
        this.userHome = userHome;
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", userHome.toString());
        env.put("ENGINE_CACHE_DIR", ENGINE_CACHE.toString());
        if (System.getenv("JAVA_HOME") != null) {
            env.put("JAVA_HOME", System.getenv("JAVA_HOME"));
        } else {
            env.put("JAVA_HOME", System.getProperty("java.home"));
        }
    }

    Distribution env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** The hello-stage example plugin's jar, built by Maven. */
    static Path helloJar() {
        return TEST_PLUGINS.resolve("step3vl-hello-stage.jar");
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin/step3vl").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(userHome.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("step3vl " + String.join(" ", args) + " did not finish in 180 s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path copy(Path source, Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.copy(source, dir.resolve(source.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int code, String out, String err) {}
}
