package io.step3vl.plugins.model.ckpt;

import io.step3vl.checkpoint.CheckpointReader;
import io.step3vl.checkpoint.FileManifest;
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

/** {@code step3vl ckpt verify DIR}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a checkpoint's integrity: every file against the SHA-256 recorded in "
                + "step3vl.json (no missing, changed or unlisted files) and every safetensors header. "
                + "A checkpoint without step3vl.json (e.g. the release) gets the header checks only.",
            "Exit 0 when intact, 2 with one line naming the damaged files otherwise."},
        footer = {"%nExamples:",
            "  step3vl ckpt verify models/tiny",
            "  step3vl ckpt verify runs/sft/checkpoints/step-00001200 --json"})
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @ParentCommand
    CkptCommand parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "The checkpoint directory.")
    Path dir;

    @Override
    public Integer call() {
        StageContext ctx = common.context();
        CheckpointReader ckpt = CheckpointReader.open(dir);
        ckpt.verify();
        boolean manifest = ckpt.provenance().isPresent();
        int files = manifest ? ckpt.provenance().get().manifest().files().size() : FileManifest.listFiles(ckpt.dir()).size();
        String fingerprint = manifest ? ckpt.fingerprint() : null;
        if (parent.json(common)) {
            var result = Json.MAPPER.createObjectNode();
            result.put("dir", ckpt.dir().toString());
            result.put("ok", true);
            result.put("files", files);
            result.put("hashes_checked", manifest);
            result.put("fingerprint", fingerprint);
            ctx.printJson(result);
        } else if (manifest) {
            ctx.stdout().println("ok: " + files + " files match step3vl.json; fingerprint " + fingerprint);
        } else {
            ctx.stdout().println("ok: safetensors headers valid (no step3vl.json, so no hashes to check)");
        }
        ctx.stdout().flush();
        return ExitCode.OK;
    }
}
