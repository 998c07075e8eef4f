#!/usr/bin/env bash
# Data benchmark: shapes-world generation (images/s) and data-loader throughput alone (samples/s,
# JSONL and tar.zst, 1 and 2 reader threads), packing on top. Prints a Markdown table for
# docs/benchmarks.md ("Data"). Usage: bench/data/run.sh [N training scenes, default 2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-2000}"
mvn -B -o -q -pl examples/shapes-world install -DskipTests
mvn -B -o -q -pl train test-compile
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -o -q -pl train dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
WORK="${TMPDIR:-/tmp}/step3vl-data-bench"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -Xmx4g -Djava.awt.headless=true -cp "train/target/test-classes:train/target/classes:$(cat "$CP_FILE")" \
    io.step3vl.train.data.bench.DataBench "$WORK" "$N"
rm -rf "$WORK"
