#!/usr/bin/env bash
# Side by side on the web-html pages of ../shared/corpus: ingestd's reader mode against
# trafilatura and GNE (../shared/bench/peer/html_peers.py), one scorer, one run.
# Needs: pip install trafilatura lxml_html_clean gne   (PyPI)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/ingestd}
pages=$(ls ../shared/corpus/raw/h*.html)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" ingest $pages > "$out/ingestd.jsonl" 2>/dev/null || true
for ex in trafilatura gne; do
    python3 ../shared/bench/peer/html_peers.py --extractor $ex $pages > "$out/$ex.jsonl" 2>/dev/null || true
done
for who in ingestd trafilatura gne; do
    printf '%-12s ' "$who"
    python3 ../shared/eval/score.py --gold ../shared/corpus/gold --records "$out/$who.jsonl" \
        --manifest ../shared/corpus/MANIFEST.tsv | grep '^group web-html' | sed 's/^group web-html: //'
done
