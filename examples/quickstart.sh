#!/usr/bin/env bash
# The main job on its built-in defaults: generate the shapes world, initialise the tiny model,
# pre-train it on captions and documents, fine-tune it on conversations (the recipes under
# examples/recipes/), then evaluate it on the held-out shapes benchmark. About 5 minutes on 2 CPU cores.
#
#   examples/quickstart.sh [WORK_DIR]      (default: runs/quickstart)
#
# Re-running continues: finished stages are kept, a stopped training run resumes from its latest
# checkpoint and the evaluation only answers the items it has not answered yet.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-runs/quickstart}"
step3vl() { ./step3vl "$@"; }

if [[ ! -f "$work/data/manifest.json" ]]; then
    step3vl data shapes --out "$work/data" --n 2000 --seed 1
fi
if [[ ! -f "$work/tiny/config.json" ]]; then
    step3vl init --preset tiny --out "$work/tiny"
fi
step3vl pretrain --config examples/recipes/shapes-pretrain.yaml --model "$work/tiny" --out "$work/pretrain" \
    --data "captions=$work/data/pretrain-captions.jsonl@3" --data "interleaved=$work/data/pretrain-interleaved.jsonl@1" \
    --data "text=$work/data/pretrain-text.jsonl@1"
step3vl sft --config examples/recipes/shapes-sft.yaml --model "$work/pretrain" --out "$work/sft" \
    --data "text=$work/data/sft-text.jsonl@1" --data "multimodal=$work/data/sft.jsonl@1"
step3vl eval --model "$work/sft" --data "$work/data/bench.jsonl" --out "$work/eval" \
    --no-think --temperature 0 --max-tokens 32 --device cpu
echo "quickstart: reports in $work/pretrain/report.html, $work/sft/report.html and $work/eval/report.html"
