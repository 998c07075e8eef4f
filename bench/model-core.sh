#!/usr/bin/env bash
# Model-core figures (docs/benchmarks.md, "Model core"): FP32 matmul GFLOP/s, decoder prefill of the
# `small` preset at 256 and 1024 tokens (and its throughput relative to a 2048³ GEMM measured in
# alternation), vision tower views/s at 728 and 504 px, checkpoint load s/GB and peak resident memory
# while loading `small` (each load in a fresh JVM).
#
#   THREADS=1 bench/model-core.sh [WORK_DIR]
#
# THREADS sets PyTorch's intra-op threads (ai.djl.pytorch.num_threads); unset = all cores.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)}"
mvn -B -o -q -pl core-model test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -o -q -pl core-model dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
export OPT_OUT_TRACKING=true DJL_OFFLINE=true
threads=()
if [[ -n "${THREADS:-}" ]]; then threads=(-Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1); fi
run() { java -Xmx3g "${threads[@]}" -cp "core-model/target/classes:core-model/target/test-classes:$(cat "$cp_file")" \
    io.step3vl.model.bench.ModelBench "$@" 2>&1 | grep -v '^SLF4J'; }
echo "# $(date -u +%FT%TZ) $(nproc) cores, threads ${THREADS:-all}, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
run matmul
run prefill 256 1024
run ratio 1024 5
run vision
run write "$work/small-f32" f32
run load "$work/small-f32"
run write "$work/small-bf16" bf16
run load "$work/small-bf16"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work/small-f32" "$work/small-bf16"
