#!/usr/bin/env bash
# Checkpoint save / load / verify / pack / unpack throughput on the `small` preset (~420 MB in F32).
# Figures go to docs/benchmarks.md, section "Checkpoints".
#
#   bench/checkpoint-save-load.sh [WORK_DIR] [REPEATS]
#
# WORK_DIR (default: a fresh temp dir) must be on the disk you want to measure; it is deleted after.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)/ckpt-bench}"
repeats="${2:-3}"
mvn -B -o -q -pl core-model test-compile
cp_file="$(mktemp)"
mvn -B -o -q -pl core-model dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
export OPT_OUT_TRACKING=true DJL_OFFLINE=true
java -Xmx3g -cp "core-model/target/classes:core-model/target/test-classes:$(cat "$cp_file")" \
    io.step3vl.checkpoint.bench.CheckpointBench "$work" "$repeats"
rm -f "$cp_file"
