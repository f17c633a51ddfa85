#!/usr/bin/env bash
# Coverage-guided fuzzing of the bytes → records pipeline with libFuzzer and AddressSanitizer.
#   scripts/fuzz.sh [SECONDS] [JOBS]      (default: 600 s, 1 job)
# Starts from the seeds and ../shared/corpus; the growing corpus is kept in .fuzz/corpus,
# crashes, sanitizer reports and slow inputs in .fuzz/artifacts. Each finding becomes a
# fixture in Tests/IngestTests/Fixtures/fuzz/ (the test suite replays them; CI does not fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
jobs=${2:-1}
mkdir -p .fuzz/corpus .fuzz/artifacts
# compiled with swiftc as one module (Ingest's sources and the target): built through
# SwiftPM's --sanitize fuzzer the Swift code ran but reported no coverage to libFuzzer
bin=.fuzz/ingest-fuzz
swiftc -sanitize=fuzzer,address -parse-as-library -O -DFUZZING -DFUZZ_ONE_MODULE -module-name IngestFuzz \
    $(find Sources/Ingest -name '*.swift') Sources/IngestFuzz/IngestFuzz.swift -o "$bin" 2>&1 | grep -v 'ld.gold: warning' || true
cp -n seeds/* .fuzz/corpus/ 2>/dev/null || true
if [ -d ../shared/corpus/raw ]; then cp -n ../shared/corpus/raw/* .fuzz/corpus/ 2>/dev/null || true; fi
cp -n Tests/IngestTests/Fixtures/fuzz/* .fuzz/corpus/ 2>/dev/null || true
# inputs up to 256 KiB; one taking over 10 s is reported as a hang (the parser's budget is
# far below that for pages this size)
parallel=()
if [ "$jobs" -gt 1 ]; then parallel=(-jobs="$jobs" -workers="$jobs"); fi
exec "$bin" .fuzz/corpus -artifact_prefix=.fuzz/artifacts/ -max_len=262144 -timeout=10 -rss_limit_mb=4096 \
    -max_total_time="$seconds" "${parallel[@]}" -print_final_stats=1
