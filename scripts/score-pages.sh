#!/usr/bin/env bash
# Scores the parser's records against the hand-annotated gold of the seed pages and of the
# development corpus (../shared), per group. Usage: scripts/score-pages.sh [BINARY] [--verbose]
# Extra arguments after the binary go to score.py for the corpus (e.g. --min title=0.9).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/ingestd}
shift || true
shared=../shared
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" ingest seeds/*.txt > "$out/seeds.jsonl"
echo "== seeds"
python3 "$shared/eval/score.py" --gold "$shared/gold" --records "$out/seeds.jsonl" | tail -n 2
echo "== corpus"
"$bin" ingest "$shared"/corpus/raw/* > "$out/corpus.jsonl" 2> "$out/corpus.err" || true
python3 "$shared/eval/score.py" --gold "$shared/corpus/gold" --records "$out/corpus.jsonl" \
    --manifest "$shared/corpus/MANIFEST.tsv" "$@" | grep -E "^(group|precision|score|below|  )"
