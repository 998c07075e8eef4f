package io.step3vl.checkpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Json;
import io.step3vl.safetensors.SafetensorsWriter;
import io.step3vl.safetensors.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits weights into shards the way HF's {@code save_pretrained} does: tensors in the caller's order,
 * a new shard whenever the next tensor would push the current one past the limit, an oversized tensor
 * alone in its shard. One shard is written as {@code model.safetensors}; more as
 * {@code model-00001.safetensors}, … (the release's naming) plus {@code model.safetensors.index.json}.
 */
final class WeightSharder {
    private final Map<String, Tensor> weights;
    private final long limitBytes;

    WeightSharder(Map<String, Tensor> weights, long limitBytes) {
        this.weights = weights;
        this.limitBytes = limitBytes;
    }

    /** The shards' tensor maps, in order. */
    List<Map<String, Tensor>> plan() {
        List<Map<String, Tensor>> shards = new ArrayList<>();
        Map<String, Tensor> current = new LinkedHashMap<>();
        long currentBytes = 0;
        for (Map.Entry<String, Tensor> e : weights.entrySet()) {
            long bytes = e.getValue().byteLength();
            if (!current.isEmpty() && currentBytes + bytes > limitBytes) {
                shards.add(current);
                current = new LinkedHashMap<>();
                currentBytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            currentBytes += bytes;
        }
        if (!current.isEmpty()) {
            shards.add(current);
        }
        return shards;
    }

    void write(Path dir, CheckpointWriter.FileSink sink) throws IOException {
        List<Map<String, Tensor>> shards = plan();
        if (shards.size() == 1) {
            SafetensorsWriter.write(dir.resolve(CheckpointLayout.WEIGHTS), shards.get(0));
            sink.staged(CheckpointLayout.WEIGHTS);
            return;
        }
        Map<String, String> weightMap = new TreeMap<>();  // sorted by tensor name, as HF writes it
        long totalSize = 0;
        for (int i = 0; i < shards.size(); i++) {
            String name = CheckpointLayout.shardName(i + 1);
            SafetensorsWriter.write(dir.resolve(name), shards.get(i));
            sink.staged(name);
            for (Map.Entry<String, Tensor> e : shards.get(i).entrySet()) {
                weightMap.put(e.getKey(), name);
                totalSize += e.getValue().byteLength();
            }
        }
        ObjectNode index = Json.MAPPER.createObjectNode();
        index.putObject("metadata").put("total_size", totalSize);
        ObjectNode map = index.putObject("weight_map");
        weightMap.forEach(map::put);
        Files.writeString(dir.resolve(CheckpointLayout.WEIGHTS_INDEX), Json.pretty(index) + "\n", StandardCharsets.UTF_8);
        sink.staged(CheckpointLayout.WEIGHTS_INDEX);
    }
}
