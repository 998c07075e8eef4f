package io.step3vl.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Json;
import io.step3vl.safetensors.SafetensorsFile;
import io.step3vl.safetensors.TensorInfo;
import io.step3vl.safetensors.TensorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code step3vl ckpt inspect} reports: parameters per component (vision / projector / decoder),
 * dtypes, shapes, size on disk, provenance and trainer state. Reads headers only, never tensor data.
 *
 * @param dir          the checkpoint directory
 * @param modelType    config.json {@code model_type} (empty if absent)
 * @param architectures config.json {@code architectures}
 * @param weightFiles  model.safetensors, or the index and its shards
 * @param components   one row per component present, in {@link ModelComponent} order
 * @param tensors      every weight tensor, in the store's order
 * @param diskBytes    all files of the directory (trainer state included)
 * @param fileCount    number of files counted in {@code diskBytes}
 * @param provenance   step3vl.json, or null for checkpoints not written by this toolkit
 * @param fingerprint  the model fingerprint, or null when not computed
 * @param trainerState trainer_state summary, or null when not resumable
 */
public record CheckpointSummary(Path dir, String modelType, List<String> architectures, List<String> weightFiles,
                                List<Component> components, List<TensorRow> tensors, long diskBytes, int fileCount,
                                ProvenanceFile provenance, String fingerprint, TrainerStateSummary trainerState) {

    /** One component: tensor count, parameters, bytes, and parameters per dtype. */
    public record Component(ModelComponent component, int tensors, long parameters, long bytes,
                            Map<String, Long> parametersByDtype) {}

    /** One weight tensor. */
    public record TensorRow(String name, ModelComponent component, String dtype, long[] shape, long parameters,
                            long bytes) {}

    /** The resumable part: counters and the optimiser tensors' count and size. */
    public record TrainerStateSummary(TrainerState state, int optimizerTensors, long optimizerBytes) {}

    /**
     * Reads the summary of {@code dir}. With {@code computeFingerprint} a checkpoint without a manifest
     * is hashed in full (slow for the 20 GB release); a toolkit checkpoint's comes from its manifest.
     */
    public static CheckpointSummary of(Path dir, boolean computeFingerprint) {
        CheckpointReader ckpt = CheckpointReader.open(dir);
        JsonNode config = ckpt.config();
        List<String> architectures = new ArrayList<>();
        config.path("architectures").forEach(a -> architectures.add(a.asText()));
        List<TensorRow> rows = new ArrayList<>();
        try (TensorStore store = ckpt.openWeights()) {
            for (Map.Entry<String, TensorInfo> e : store.tensors().entrySet()) {
                TensorInfo info = e.getValue();
                rows.add(new TensorRow(e.getKey(), ModelComponent.of(e.getKey()), info.dtype().name(), info.shape(),
                        info.elementCount(), info.byteLength()));
            }
        }
        TrainerStateSummary trainer = null;
        if (ckpt.isResumable()) {
            try (SafetensorsFile optimizer = ckpt.openOptimizerTensors()) {
                long bytes = optimizer.tensors().values().stream().mapToLong(TensorInfo::byteLength).sum();
                trainer = new TrainerStateSummary(ckpt.trainerState(), optimizer.tensors().size(), bytes);
            }
        }
        List<String> files = FileManifest.listFiles(ckpt.dir());
        long disk = 0;
        for (String f : files) {
            disk += size(ckpt.dir().resolve(f));
        }
        String fingerprint = ckpt.provenance().isPresent() || computeFingerprint ? ckpt.fingerprint() : null;
        return new CheckpointSummary(ckpt.dir(), config.path("model_type").asText(""), architectures,
                ckpt.weightFiles(), components(rows), rows, disk, files.size(), ckpt.provenance().orElse(null),
                fingerprint, trainer);
    }

    private static List<Component> components(List<TensorRow> rows) {
        Map<ModelComponent, List<TensorRow>> by = new EnumMap<>(ModelComponent.class);
        rows.forEach(r -> by.computeIfAbsent(r.component(), k -> new ArrayList<>()).add(r));
        List<Component> out = new ArrayList<>();
        by.forEach((component, list) -> {
            Map<String, Long> dtypes = new TreeMap<>();
            list.forEach(r -> dtypes.merge(r.dtype(), r.parameters(), Long::sum));
            out.add(new Component(component, list.size(), list.stream().mapToLong(TensorRow::parameters).sum(),
                    list.stream().mapToLong(TensorRow::bytes).sum(), dtypes));
        });
        return out;
    }

    public long totalParameters() {
        return components.stream().mapToLong(Component::parameters).sum();
    }

    public long weightBytes() {
        return components.stream().mapToLong(Component::bytes).sum();
    }

    /** The machine-readable form printed by {@code ckpt inspect --json}; {@code tensors} only when verbose. */
    public ObjectNode toJson(boolean withTensors) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("dir", dir.toString());
        root.put("model_type", modelType);
        ArrayNode arch = root.putArray("architectures");
        architectures.forEach(arch::add);
        ArrayNode wf = root.putArray("weight_files");
        weightFiles.forEach(wf::add);
        root.put("parameters", totalParameters());
        root.put("weight_bytes", weightBytes());
        root.put("disk_bytes", diskBytes);
        root.put("files", fileCount);
        ObjectNode comps = root.putObject("components");
        for (Component c : components) {
            ObjectNode node = comps.putObject(c.component().label());
            node.put("tensors", c.tensors());
            node.put("parameters", c.parameters());
            node.put("bytes", c.bytes());
            ObjectNode dtypes = node.putObject("parameters_by_dtype");
            c.parametersByDtype().forEach(dtypes::put);
        }
        if (fingerprint != null) {
            root.put("fingerprint", fingerprint);
        } else {
            root.putNull("fingerprint");
        }
        if (provenance != null) {
            ObjectNode prov = ProvenanceFile.toJson(provenance.provenance(), provenance.manifest());
            prov.remove("files");
            prov.remove("format");
            root.set("provenance", prov);
        } else {
            root.putNull("provenance");
        }
        if (trainerState != null) {
            ObjectNode ts = trainerState.state().toJson();
            ts.remove("format_version");
            ts.put("optimizer_tensors", trainerState.optimizerTensors());
            ts.put("optimizer_bytes", trainerState.optimizerBytes());
            root.set("trainer_state", ts);
        } else {
            root.putNull("trainer_state");
        }
        if (withTensors) {
            ArrayNode list = root.putArray("tensors");
            for (TensorRow r : tensors) {
                ObjectNode t = list.addObject();
                t.put("name", r.name());
                t.put("component", r.component().label());
                t.put("dtype", r.dtype());
                ArrayNode shape = t.putArray("shape");
                for (long d : r.shape()) {
                    shape.add(d);
                }
                t.put("parameters", r.parameters());
            }
        }
        return root;
    }

    /** The human-readable report; {@code verbose} adds one line per tensor. */
    public String render(boolean verbose) {
        StringBuilder sb = new StringBuilder();
        line(sb, "checkpoint", dir.toString());
        line(sb, "model", (modelType.isEmpty() ? "?" : modelType)
                + (architectures.isEmpty() ? "" : " (" + String.join(", ", architectures) + ")"));
        int shards = weightFiles.size() == 1 ? 1 : weightFiles.size() - 1;
        line(sb, "weights", (shards == 1 && weightFiles.get(0).equals(CheckpointLayout.WEIGHTS)
                ? CheckpointLayout.WEIGHTS : shards + " shards + " + CheckpointLayout.WEIGHTS_INDEX)
                + ", " + bytes(weightBytes()) + " of tensors");
        line(sb, "on disk", bytes(diskBytes) + " in " + fileCount + " files");
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%-10s %8s %14s %11s  %s%n", "component", "tensors", "parameters", "size", "dtypes"));
        for (Component c : components) {
            sb.append(String.format(Locale.ROOT, "%-10s %8d %14s %11s  %s%n", c.component().label(), c.tensors(),
                    params(c.parameters()), bytes(c.bytes()), dtypes(c.parametersByDtype())));
        }
        sb.append(String.format(Locale.ROOT, "%-10s %8d %14s %11s%n", "total", tensors.size(),
                params(totalParameters()), bytes(weightBytes())));
        sb.append('\n');
        if (provenance != null) {
            Provenance p = provenance.provenance();
            line(sb, "stage", p.stage() + ", step " + p.step());
            line(sb, "parent", p.parent() == null ? "none" : p.parent().path() + " (" + p.parent().fingerprint() + ")");
            p.data().forEach((name, fp) -> line(sb, "data", name + " (" + fp + ")"));
            line(sb, "written by", p.codeVersion() + " at " + p.created());
            if (!p.commandLine().isEmpty()) {
                line(sb, "command", String.join(" ", p.commandLine()));
            }
        } else {
            line(sb, "provenance", "none (no " + CheckpointLayout.PROVENANCE + ": not written by step3vl)");
        }
        line(sb, "fingerprint", fingerprint == null ? "not computed (use --fingerprint)" : fingerprint);
        if (trainerState != null) {
            TrainerState s = trainerState.state();
            line(sb, "resumable", "step " + s.step() + ", " + s.samplesSeen() + " samples, " + s.tokensSeen()
                    + " tokens; optimizer " + trainerState.optimizerTensors() + " tensors ("
                    + bytes(trainerState.optimizerBytes()) + ")"
                    + (s.rng().isEmpty() ? "" : "; rng " + String.join(", ", s.rng().keySet())));
        } else {
            line(sb, "resumable", "no (no " + CheckpointLayout.TRAINER_STATE_DIR + "/)");
        }
        if (verbose) {
            sb.append('\n');
            int width = tensors.stream().mapToInt(t -> t.name().length()).max().orElse(10);
            for (TensorRow t : tensors) {
                sb.append(String.format(Locale.ROOT, "%-" + width + "s  %-4s %s%n", t.name(), t.dtype(),
                        java.util.Arrays.toString(t.shape())));
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "%-12s %s%n", key, value));
    }

    private static String dtypes(Map<String, Long> byDtype) {
        List<String> parts = new ArrayList<>();
        byDtype.forEach((dtype, n) -> parts.add(dtype + " " + params(n)));
        return String.join(", ", parts);
    }

    /** 10,171,750,144 → "10.17B"; small counts exactly. */
    static String params(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2fB", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2fM", n / 1e6);
        }
        if (n >= 10_000L) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return Long.toString(n);
    }

    private static String bytes(long n) {
        return ByteSizes.format(n);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
