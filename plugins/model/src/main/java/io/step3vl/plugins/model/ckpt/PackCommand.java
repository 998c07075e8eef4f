package io.step3vl.plugins.model.ckpt;

import io.step3vl.checkpoint.ByteSizes;
import io.step3vl.checkpoint.archive.CheckpointArchive;
import io.step3vl.common.ExitCode;
import io.step3vl.common.Json;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageContext;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code step3vl ckpt pack DIR OUT.tar.zst}. */
@Command(name = "pack", mixinStandardHelpOptions = true,
        description = {"Pack a checkpoint directory into one .tar.zst file with a SHA-256 manifest "
                + "(MANIFEST.sha256, sha256sum format) as its last entry. The archive is written atomically.",
            "Plain tools can read it too: tar --zstd -xf OUT.tar.zst && sha256sum -c MANIFEST.sha256."},
        footer = {"%nExamples:",
            "  step3vl ckpt pack models/tiny tiny.tar.zst",
            "  step3vl ckpt pack runs/sft/checkpoints/step-00001200 sft-1200.tar.zst --level 9",
            "  step3vl ckpt pack models/small small.tar.zst --workers 0 --json"})
public final class PackCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @ParentCommand
    CkptCommand parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "The checkpoint directory to pack.")
    Path dir;

    @Parameters(index = "1", paramLabel = "OUT.tar.zst", description = "The archive to write.")
    Path archive;

    @Option(names = "--level", paramLabel = "1-19", defaultValue = "1",
            description = "zstd compression level (weights barely compress: higher levels cost time "
                    + "for little gain). Default: ${DEFAULT-VALUE}.")
    int level;

    @Option(names = "--workers", paramLabel = "N",
            description = "zstd worker threads (0 = compress on the calling thread). Default: cores - 1.")
    Integer workers;

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        CheckpointArchive.PackOptions defaults = CheckpointArchive.PackOptions.defaults();
        CheckpointArchive.PackOptions options = new CheckpointArchive.PackOptions(level,
                workers == null ? defaults.workers() : workers);
        CheckpointArchive.PackResult result = CheckpointArchive.pack(dir, archive, options);
        if (parent.json(common)) {
            var json = Json.MAPPER.createObjectNode();
            json.put("archive", result.archive().toString());
            json.put("files", result.files());
            json.put("bytes", result.bytes());
            json.put("archive_bytes", result.archiveBytes());
            json.put("fingerprint", result.fingerprint());
            ctx.printJson(json);
        } else {
            ctx.stdout().printf(Locale.ROOT, "packed %d files (%s) into %s (%s, %.1f%% of the original)%n",
                    result.files(), ByteSizes.format(result.bytes()), result.archive(), ByteSizes.format(result.archiveBytes()),
                    result.bytes() == 0 ? 100.0 : 100.0 * result.archiveBytes() / result.bytes());
        }
        ctx.stdout().flush();
        return ExitCode.OK;
    }
}
