#!/usr/bin/env bash
# Tokenizer encoding throughput on one thread: the Qwen3 tokenizer (DJL / tokenizers-rs) on the 1 MiB
# mixed-text benchmark of tokenizer/src/test/resources/qwen3/README.fixture.md (327,017 ids).
# Usage: bench/tokenizer-encode.sh [timed-runs=9]
# Prints medians (wall and thread CPU time) for whole-text encode (ids only and full DJL Encoding), per-line encode
# and decode; see docs/benchmarks.md "Tokenizer".
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl tokenizer test-compile
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -o -q -pl tokenizer dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
export OPT_OUT_TRACKING=true DJL_OFFLINE=true RAYON_NUM_THREADS=1 TOKENIZERS_PARALLELISM=false
exec java -Xmx2g -Doffline=true -cp "tokenizer/target/test-classes:tokenizer/target/classes:$(cat "$cp_file")" \
    io.step3vl.tokenizer.bench.EncodeBenchmark "$@"
