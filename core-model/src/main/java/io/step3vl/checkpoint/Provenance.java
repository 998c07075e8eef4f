package io.step3vl.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.step3vl.common.Json;
import io.step3vl.common.UserError;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a checkpoint came from: the stage that wrote it, its parent checkpoint (path and fingerprint),
 * the training step, fingerprints of the data it saw, the code version, the time and the command line.
 * Stored in step3vl.json next to the file manifest the writer adds.
 *
 * <pre>{@code
 * Provenance p = Provenance.of("sft").withParent(parentDir).withStep(1200)
 *         .withData("train.jsonl", Fingerprints.ofPath(trainFile)).withCommandLine(args);
 * }</pre>
 *
 * @param stage       the stage that wrote the checkpoint ("init", "pretrain", "sft", "rlvr", …)
 * @param parent      the checkpoint this one was trained from, or null
 * @param step        optimiser steps taken in this stage (0 for init/import)
 * @param data        data set name or path → its fingerprint ({@code sha256:…}), in insertion order
 * @param codeVersion the toolkit version that wrote it
 * @param created     when the save started, UTC, second precision
 * @param commandLine the command as the user typed it (may be empty)
 */
public record Provenance(String stage, ParentRef parent, long step, Map<String, String> data,
                         String codeVersion, Instant created, List<String> commandLine) {

    /** The parent checkpoint: its path as given and its fingerprint at the time of the save. */
    public record ParentRef(String path, String fingerprint) {
        public ParentRef {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    public Provenance {
        Objects.requireNonNull(stage, "stage");
        if (stage.isBlank()) {
            throw new IllegalArgumentException("stage must not be blank");
        }
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(created, "created");
        commandLine = List.copyOf(commandLine);
    }

    /** A root provenance for {@code stage}: no parent, step 0, this code version, now. */
    public static Provenance of(String stage) {
        return new Provenance(stage, null, 0, Map.of(), CodeVersion.current(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), List.of());
    }

    /** With {@code parentDir} as parent; its fingerprint is computed now (see {@link Fingerprints#ofCheckpoint}). */
    public Provenance withParent(Path parentDir) {
        return withParent(new ParentRef(parentDir.toString(), Fingerprints.ofCheckpoint(parentDir)));
    }

    public Provenance withParent(ParentRef ref) {
        return new Provenance(stage, ref, step, data, codeVersion, created, commandLine);
    }

    public Provenance withStep(long newStep) {
        return new Provenance(stage, parent, newStep, data, codeVersion, created, commandLine);
    }

    /** Adds one data set fingerprint (see {@link Fingerprints#ofPath}). */
    public Provenance withData(String name, String fingerprint) {
        Map<String, String> more = new LinkedHashMap<>(data);
        more.put(name, fingerprint);
        return new Provenance(stage, parent, step, more, codeVersion, created, commandLine);
    }

    public Provenance withCommandLine(List<String> args) {
        return new Provenance(stage, parent, step, data, codeVersion, created, args);
    }

    public Provenance withCreated(Instant time) {
        return new Provenance(stage, parent, step, data, codeVersion, time, commandLine);
    }

    /** The JSON object stored in step3vl.json (without the manifest, which the writer adds). */
    ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("stage", stage);
        if (parent == null) {
            node.putNull("parent");
        } else {
            node.putObject("parent").put("path", parent.path()).put("fingerprint", parent.fingerprint());
        }
        node.put("step", step);
        ObjectNode dataNode = node.putObject("data");
        data.forEach(dataNode::put);
        node.put("code_version", codeVersion);
        node.put("created", created.toString());
        com.fasterxml.jackson.databind.node.ArrayNode args = node.putArray("command_line");
        commandLine.forEach(args::add);
        return node;
    }

    /** Reads the provenance fields of a step3vl.json tree; {@code file} names it in errors. */
    static Provenance fromJson(JsonNode node, Path file) {
        String stage = requiredText(node, "stage", file);
        ParentRef parent = null;
        JsonNode p = node.path("parent");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.isObject()) {
                throw UserError.at(file, "parent: expected an object {path, fingerprint} or null");
            }
            parent = new ParentRef(requiredText(p, "path", file), requiredText(p, "fingerprint", file));
        }
        JsonNode stepNode = node.path("step");
        if (!stepNode.canConvertToExactIntegral() || stepNode.asLong() < 0) {
            throw UserError.at(file, "step: expected a non-negative integer, got " + stepNode);
        }
        Map<String, String> data = new LinkedHashMap<>();
        JsonNode d = node.path("data");
        if (!d.isMissingNode() && !d.isNull()) {
            if (!d.isObject()) {
                throw UserError.at(file, "data: expected an object {name: fingerprint}");
            }
            d.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    throw UserError.at(file, "data." + e.getKey() + ": expected a fingerprint string");
                }
                data.put(e.getKey(), e.getValue().asText());
            });
        }
        Instant created;
        String createdText = requiredText(node, "created", file);
        try {
            created = Instant.parse(createdText);
        } catch (DateTimeParseException e) {
            throw UserError.at(file, "created: expected an ISO-8601 UTC time, got '" + createdText + "'");
        }
        List<String> commandLine = new ArrayList<>();
        JsonNode cl = node.path("command_line");
        if (!cl.isMissingNode() && !cl.isNull()) {
            if (!cl.isArray()) {
                throw UserError.at(file, "command_line: expected an array of strings");
            }
            cl.forEach(arg -> commandLine.add(arg.asText()));
        }
        return new Provenance(stage, parent, stepNode.asLong(), data, requiredText(node, "code_version", file),
                created, commandLine);
    }

    static String requiredText(JsonNode node, String field, Path file) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw UserError.at(file, field + ": expected a non-empty string, got " + (v.isMissingNode() ? "nothing" : v));
        }
        return v.asText();
    }
}
