#!/usr/bin/env bash
# Client/server overhead of the OpenAI-compatible path: requests/s through ChatServer with a backend that
# answers at once, under N concurrent clients sharing one OpenAiClient; plain and streaming (32 deltas).
# Usage: bench/serve-throughput.sh [seconds-per-mode=10] [clients=16]
# See docs/benchmarks.md "Inference".
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl inference test-compile
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -o -q -pl inference dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec java -Xmx1g -cp "inference/target/test-classes:inference/target/classes:$(cat "$cp_file")" \
    io.step3vl.inference.server.ServeBenchmark "$@"
