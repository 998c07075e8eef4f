package io.step3vl.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's ./step3vl: builds the distribution only when it is missing or stale, then runs it.
 * Exercised in a scratch tree with a stand-in `mvn` that records being called.
 */
class RootLauncherTest {
    @TempDir
    Path tree;

    private Path mvnLog;

    @BeforeEach
    void scratchTree() throws Exception {
        Files.copy(Distribution.REPO_ROOT.resolve("step3vl"), tree.resolve("step3vl"));
        executable(tree.resolve("step3vl"));
        Files.createDirectories(tree.resolve("core/src/main/java"));
        Files.writeString(tree.resolve("pom.xml"), "<project/>\n");
        Files.writeString(tree.resolve("core/src/main/java/A.java"), "class A {}\n");
        mvnLog = tree.resolve("mvn.log");
        // stand-in mvn: records its arguments and "builds" a distribution that echoes its arguments
        Path fakeBin = Files.createDirectories(tree.resolve("fake-bin"));
        Files.writeString(fakeBin.resolve("mvn"), "#!/usr/bin/env bash\n"
                + "echo \"mvn $*\" >> '" + mvnLog + "'\n"
                + "mkdir -p dist/target/step3vl/bin\n"
                + "printf '#!/usr/bin/env bash\\necho \"ran: $*\"\\n' > dist/target/step3vl/bin/step3vl\n"
                + "chmod +x dist/target/step3vl/bin/step3vl\n"
                + "touch dist/target/step3vl.built\n");
        executable(fakeBin.resolve("mvn"));
    }

    @Test
    void buildsWhenMissingThenRunsWithoutRebuildingUntilASourceChanges() throws Exception {
        assertThat(launch("--help")).isEqualTo("ran: --help\n");
        assertThat(Files.readString(mvnLog)).isEqualTo("mvn -B -q package -DskipTests\n");

        assertThat(launch("plugins", "--json")).isEqualTo("ran: plugins --json\n");
        assertThat(Files.readAllLines(mvnLog)).hasSize(1);

        Path marker = tree.resolve("dist/target/step3vl.built");
        Files.setLastModifiedTime(marker, FileTime.from(Instant.now().minusSeconds(60)));
        Files.writeString(tree.resolve("core/src/main/java/A.java"), "class A { int x; }\n");
        assertThat(launch("doctor")).isEqualTo("ran: doctor\n");
        assertThat(Files.readAllLines(mvnLog)).hasSize(2);

        // files under target/ (build outputs) never count as changes
        FileTime earlier = FileTime.from(Instant.now().minusSeconds(120));
        Files.setLastModifiedTime(tree.resolve("pom.xml"), earlier);
        Files.setLastModifiedTime(tree.resolve("core/src/main/java/A.java"), earlier);
        Files.setLastModifiedTime(marker, FileTime.from(Instant.now().minusSeconds(60)));
        Files.createDirectories(tree.resolve("core/target/src"));
        Files.writeString(tree.resolve("core/target/src/Gen.java"), "class Gen {}\n");
        launch("doctor");
        assertThat(Files.readAllLines(mvnLog)).hasSize(2);
    }

    private String launch(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = tree.resolve("step3vl").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(tree.toFile());
        builder.environment().put("PATH", tree.resolve("fake-bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        return out;
    }

    private static void executable(Path file) throws Exception {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
