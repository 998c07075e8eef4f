package io.step3vl.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The non-tensor part of a resumable training checkpoint (trainer_state/state.json): counters, RNG
 * states and the data loader's position. Optimiser moments travel next to it as safetensors
 * ({@link CheckpointWriter#trainerState}).
 *
 * <p>The LR schedule counter is one of the three counters (the schedule's unit decides which: steps,
 * samples or tokens), so resuming restores the learning rate exactly.
 *
 * @param step        optimiser steps (iterations) taken
 * @param samplesSeen training samples consumed
 * @param tokensSeen  training tokens consumed
 * @param rng         named random generators → their full state words (e.g. "data" → {seed, counter})
 * @param dataCursor  the data loader's position (its own JSON shape: epoch, shard, offset…); null node if none
 * @param extra       anything else the loop restores (optimiser step, best metric, PPO iteration); null node if none
 */
public record TrainerState(long step, long samplesSeen, long tokensSeen, Map<String, long[]> rng,
                           JsonNode dataCursor, JsonNode extra) {
    /** Version of state.json this code writes. */
    public static final int FORMAT_VERSION = 1;

    public TrainerState {
        if (step < 0 || samplesSeen < 0 || tokensSeen < 0) {
            throw new IllegalArgumentException("counters must be >= 0: step " + step + ", samples "
                    + samplesSeen + ", tokens " + tokensSeen);
        }
        Map<String, long[]> copy = new LinkedHashMap<>();
        rng.forEach((name, words) -> copy.put(Objects.requireNonNull(name), words.clone()));
        rng = Collections.unmodifiableMap(copy);
        dataCursor = dataCursor == null ? NullNode.getInstance() : dataCursor.deepCopy();
        extra = extra == null ? NullNode.getInstance() : extra.deepCopy();
    }

    /** Counters only; add the rest with the {@code with…} methods. */
    public static TrainerState of(long step, long samplesSeen, long tokensSeen) {
        return new TrainerState(step, samplesSeen, tokensSeen, Map.of(), null, null);
    }

    public TrainerState withRng(String name, long... words) {
        Map<String, long[]> more = new LinkedHashMap<>(rng);
        more.put(name, words);
        return new TrainerState(step, samplesSeen, tokensSeen, more, dataCursor, extra);
    }

    public TrainerState withDataCursor(JsonNode cursor) {
        return new TrainerState(step, samplesSeen, tokensSeen, rng, cursor, extra);
    }

    public TrainerState withExtra(JsonNode value) {
        return new TrainerState(step, samplesSeen, tokensSeen, rng, dataCursor, value);
    }

    /** A copy of one generator's state words, or null when absent. */
    public long[] rngState(String name) {
        long[] words = rng.get(name);
        return words == null ? null : words.clone();
    }

    ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("format_version", FORMAT_VERSION);
        node.put("step", step);
        node.put("samples_seen", samplesSeen);
        node.put("tokens_seen", tokensSeen);
        ObjectNode rngNode = node.putObject("rng");
        rng.forEach((name, words) -> {
            ArrayNode array = rngNode.putArray(name);
            for (long w : words) {
                array.add(w);
            }
        });
        node.set("data_cursor", dataCursor);
        node.set("extra", extra);
        return node;
    }

    static TrainerState fromJson(JsonNode node, Path file) {
        if (!node.isObject()) {
            throw UserError.at(file, "expected a JSON object");
        }
        JsonNode version = node.path("format_version");
        if (!version.canConvertToInt() || version.asInt() < 1 || version.asInt() > FORMAT_VERSION) {
            throw UserError.at(file, "format_version: expected 1.." + FORMAT_VERSION + ", got " + version);
        }
        Map<String, long[]> rng = new LinkedHashMap<>();
        JsonNode rngNode = node.path("rng");
        if (!rngNode.isObject()) {
            throw UserError.at(file, "rng: expected an object {name: [state words]}");
        }
        rngNode.fields().forEachRemaining(e -> {
            JsonNode array = e.getValue();
            if (!array.isArray()) {
                throw UserError.at(file, "rng." + e.getKey() + ": expected an array of integers");
            }
            long[] words = new long[array.size()];
            for (int i = 0; i < words.length; i++) {
                if (!array.get(i).canConvertToExactIntegral() || !array.get(i).canConvertToLong()) {
                    throw UserError.at(file, "rng." + e.getKey() + "[" + i + "]: expected a 64-bit integer");
                }
                words[i] = array.get(i).asLong();
            }
            rng.put(e.getKey(), words);
        });
        return new TrainerState(counter(node, "step", file), counter(node, "samples_seen", file),
                counter(node, "tokens_seen", file), rng, node.path("data_cursor").isMissingNode()
                        ? null : node.get("data_cursor"),
                node.path("extra").isMissingNode() ? null : node.get("extra"));
    }

    private static long counter(JsonNode node, String field, Path file) {
        JsonNode v = node.path(field);
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 0) {
            throw UserError.at(file, field + ": expected a non-negative integer, got "
                    + (v.isMissingNode() ? "nothing" : v));
        }
        return v.asLong();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TrainerState other)) {
            return false;
        }
        if (step != other.step || samplesSeen != other.samplesSeen || tokensSeen != other.tokensSeen
                || !rng.keySet().equals(other.rng.keySet())
                || !dataCursor.equals(other.dataCursor) || !extra.equals(other.extra)) {
            return false;
        }
        return rng.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.rng.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(step, samplesSeen, tokensSeen, dataCursor, extra);
        for (Map.Entry<String, long[]> e : rng.entrySet()) {
            h = 31 * h + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TrainerState[step=").append(step).append(", samplesSeen=")
                .append(samplesSeen).append(", tokensSeen=").append(tokensSeen).append(", rng={");
        rng.forEach((k, v) -> sb.append(k).append('=').append(Arrays.toString(v)).append(' '));
        return sb.append("}, dataCursor=").append(dataCursor).append(", extra=").append(extra).append(']').toString();
    }
}
