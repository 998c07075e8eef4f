#!/usr/bin/env bash
# End-to-end eval throughput on the shapes bench with the local tiny model (docs/benchmarks.md, "Evaluation").
# Usage: bench/eval/end-to-end.sh [benchPerCategory=4] [maxTokens=32]   (after `mvn -pl eval install`)
set -euo pipefail
cd "$(dirname "$0")/../.."
CP_FILE=$(mktemp)
mvn -B -o -q -pl eval dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="eval/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export OPT_OUT_TRACKING=true DJL_OFFLINE=true
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(uptime)"
java -Xmx4g -cp "$CP" bench/eval/EndToEndBench.java "$WORK" "$@"
