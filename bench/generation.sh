#!/usr/bin/env bash
# Generation and serving figures (docs/benchmarks.md, "Generation and serving") on a random-init
# preset checkpoint: prefill tokens/s at 256 and 1024 tokens, time to first token, decode tokens/s at
# batch 1 and for one request with n=16 copies (PaCoRe rollouts), server throughput under 16 clients.
#
#   bench/generation.sh [CHECKPOINT_DIR] [preset=small] [decode-tokens=64] [copies=16] [clients=16] [requests=48]
# The checkpoint is written first when CHECKPOINT_DIR does not exist (kept for later runs).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-${TMPDIR:-/tmp}/step3vl-bench-small}"
shift || true
mvn -B -o -q -pl inference test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -o -q -pl inference dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
export OPT_OUT_TRACKING=true DJL_OFFLINE=true
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(uptime)"
exec java -Xmx4g -cp "inference/target/test-classes:inference/target/classes:$(cat "$cp_file")" \
    io.step3vl.inference.local.bench.GenerationBenchmark "$dir" "$@"
