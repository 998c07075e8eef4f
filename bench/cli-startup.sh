#!/usr/bin/env bash
# Start-up cost of the step3vl command host: median wall time of `step3vl --help` (and of the other
# light commands) against a bare `java -version`. Target: --help at most 3x the bare JVM.
#
#   bench/cli-startup.sh [runs]        (default 30 runs each, after 3 warm-up runs)
#
# Uses hyperfine when installed, else a timing loop. Builds the distribution first if needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-30}"
bin="dist/target/step3vl/bin/step3vl"
if [[ ! -x "$bin" ]]; then
  mvn -B -q package -DskipTests >&2
fi

home="$(cd dist/target/step3vl && pwd)"
# The same --help without the launcher's start-up tuning (C1 only, CDS archive, ordered class path,
# named SLF4J provider), measured in the same session for a fair before/after comparison.
untuned="java -Dstep3vl.home=$home -cp $home/lib/* io.step3vl.cli.Main --help"
commands=("java -version" "$bin --help" "$bin plugins" "$bin completion bash" "$untuned")

median_ms() { # median wall time in ms of a command run "$runs" times (after 3 warm-ups)
  local cmd="$1" times=() start end
  for _ in 1 2 3; do $cmd > /dev/null 2>&1; done
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    $cmd > /dev/null 2>&1
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

declare -A median cpu
if command -v hyperfine > /dev/null; then
  json="$(mktemp)"
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$json" "${commands[@]}" > /dev/null 2>&1
  # median wall time, and mean CPU time (user + system): the latter barely moves with machine load
  while IFS=$'\t' read -r cmd ms cpu_ms; do median["$cmd"]="$ms"; cpu["$cmd"]="$cpu_ms"; done < <(
    python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["command"], round(r["median"] * 1000), round((r["user"] + r["system"]) * 1000), sep="\t")' "$json")
  rm -f "$json"
  tool="hyperfine $(hyperfine --version | cut -d' ' -f2), $runs runs, 3 warm-up"
else
  for cmd in "${commands[@]}"; do median["$cmd"]="$(median_ms "$cmd")"; cpu["$cmd"]="-"; done
  tool="timing loop, $runs runs, 3 warm-up"
fi

base="${median["java -version"]}"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:    $(java -version 2>&1 | head -1)"
echo "tool:    $tool"
printf '%-28s %10s %7s %9s\n' "command" "median" "ratio" "cpu"
for cmd in "${commands[@]}"; do
  label="${cmd#dist/target/step3vl/bin/}"
  [[ "$cmd" == "$untuned" ]] && label="--help, untuned java -cp"
  printf '%-28s %7s ms %6.1fx %6s ms\n' "$label" "${median["$cmd"]}" \
    "$(awk -v a="${median["$cmd"]}" -v b="$base" 'BEGIN {print a / b}')" "${cpu["$cmd"]}"
done
