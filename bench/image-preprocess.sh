#!/usr/bin/env bash
# Image preprocessing throughput, one thread: a 1920x1080 JPEG -> global view (728) + 8 local crops (504),
# i.e. decode, PIL-bilinear uint8 cap/canvas, ToTensor+Normalize, antialiased float resize.
# Usage: bench/image-preprocess.sh [seconds-to-measure=20] [jpeg-file]
# Without a file a seeded synthetic 1920x1080 JPEG (quality 90) is generated. Prints CPU-time and wall-time
# medians; see docs/benchmarks.md "Image preprocessing".
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl tokenizer test-compile
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -o -q -pl tokenizer dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec java -Xmx2g -cp "tokenizer/target/test-classes:tokenizer/target/classes:$(cat "$cp_file")" \
    io.step3vl.image.PreprocessBenchmark "$@"
