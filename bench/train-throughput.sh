#!/usr/bin/env bash
# Training throughput (docs/benchmarks.md, "Training"): forward only, forward + backward and a whole
# optimizer step of `tiny` and `small` on packed micro-batches, text only and with images.
#   bench/train-throughput.sh [REPEATS, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-5}"
mvn -B -o -q -pl train test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -o -q -pl train dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
export OPT_OUT_TRACKING=true DJL_OFFLINE=true
run() { java -Xmx6g -cp "train/target/test-classes:train/target/classes:$(cat "$cp_file")" \
    io.step3vl.train.loop.bench.TrainBench "$@" "$repeats" 2>&1 | grep -v '^SLF4J'; }
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# the shapes recipes' shape: 2 packs of 256 tokens; samples of ~64 tokens (captions) opening with an image
run tiny 2 256 64 false
run tiny 2 256 64 true
run small 1 1024 256 false
run small 1 1024 256 true
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
