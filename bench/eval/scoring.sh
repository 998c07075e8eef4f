#!/usr/bin/env bash
# Scoring throughput over 100k saved predictions (docs/benchmarks.md, "Evaluation").
# Usage: bench/eval/scoring.sh [N]     (run from the repository root after `mvn -pl eval install`)
set -euo pipefail
N=${1:-100000}
cd "$(dirname "$0")/../.."
CP_FILE=$(mktemp)
mvn -B -o -q -pl eval dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="eval/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
java -Xmx4g -cp "$CP" bench/eval/ScoringBench.java "$N" "$WORK"
