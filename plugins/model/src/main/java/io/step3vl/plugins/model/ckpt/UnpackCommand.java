package io.step3vl.plugins.model.ckpt;

import io.step3vl.checkpoint.ByteSizes;
import io.step3vl.checkpoint.archive.CheckpointArchive;
import io.step3vl.common.ExitCode;
import io.step3vl.common.Json;
import io.step3vl.plugin.CommonOptions;
import io.step3vl.plugin.StageContext;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code step3vl ckpt unpack ARCHIVE DIR}. */
@Command(name = "unpack", mixinStandardHelpOptions = true,
        description = {"Unpack an archive made by 'ckpt pack' into a new directory, verifying every file's "
                + "SHA-256 against the archive's manifest (and step3vl.json when present).",
            "Refuses absolute or '..' paths, links, devices and duplicate entries; DIR appears only when "
                + "everything checked out (staged in a hidden directory, then renamed)."},
        footer = {"%nExamples:",
            "  step3vl ckpt unpack tiny.tar.zst models/tiny",
            "  step3vl ckpt unpack sft-1200.tar.zst /data/ckpts/sft-1200 --json"})
public final class UnpackCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @ParentCommand
    CkptCommand parent;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "A .tar.zst made by 'step3vl ckpt pack'.")
    Path archive;

    @Parameters(index = "1", paramLabel = "DIR", description = "Where to unpack; must not exist or be empty.")
    Path dir;

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        CheckpointArchive.UnpackResult result = CheckpointArchive.unpack(archive, dir);
        if (parent.json(common)) {
            var json = Json.MAPPER.createObjectNode();
            json.put("dir", result.dir().toString());
            json.put("files", result.files());
            json.put("bytes", result.bytes());
            json.put("fingerprint", result.fingerprint());
            ctx.printJson(json);
        } else {
            ctx.stdout().println("unpacked " + result.files() + " files (" + ByteSizes.format(result.bytes()) + ") into "
                    + result.dir() + "; every file matched its sha256");
        }
        ctx.stdout().flush();
        return ExitCode.OK;
    }
}
