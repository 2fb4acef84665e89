#!/usr/bin/env bash
# Benchmarks of the national office's tools (not tests: they time). Records wall time and peak
# memory of generate, batch, collect, summary and rescore for each size, plus the evaluation
# benchmark. Figures go into docs/performance.md by hand.
#   tests/bench/run_benchmarks.sh BUILD_DIR WORK_DIR [SIZES...]     e.g. build/release /tmp/bench 1788 100000
set -euo pipefail
build=$(realpath "$1"); work=$2; shift 2
sizes=("${@:-1788}")
dxa="$build/stage/bin/dxassess"
rules="$build/stage/share/dxassess/rules"
mkdir -p "$work"
export DXASSESS_CONFIG=
measure() {  # label, command...: prints seconds, peak RSS (MiB) and CPU use (200% = both cores)
  local label=$1; shift
  /usr/bin/time -f "%e %M %P" -o "$work/time.txt" "$@" > "$work/last.out" 2>&1 || { cat "$work/last.out"; exit 1; }
  read -r secs kib cpu < "$work/time.txt"
  printf '%-34s %8.2f s %8.1f MiB %6s CPU\n' "$label" "$secs" "$(echo "$kib / 1024" | bc -l)" "$cpu"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
"$build/tests/bench/dxassess_bench_evaluation" "$rules" 200     # answer sets in cache, as in batch
"$build/tests/bench/dxassess_bench_evaluation" "$rules" 20000   # answer sets spread over memory
for n in "${sizes[@]}"; do
  d="$work/$n"; rm -rf "$d"; mkdir -p "$d"
  echo "--- $n answer sets ---"
  measure "generate $n" "$dxa" generate --count "$n" --seed 1 --out "$d/answers.jsonl"
  measure "batch $n (results only)" "$dxa" batch --input "$d/answers.jsonl" --out "$d/results.jsonl"
  measure "batch $n (with full reports)" "$dxa" batch --input "$d/answers.jsonl" --out "$d/results2.jsonl" --reports "$d/reports"
  du -sh "$d/reports" | sed 's/^/reports on disk: /'
  measure "collect $n reports" "$dxa" collect "$d/reports" --db "$d/office.sqlite"
  du -sh "$d/office.sqlite" | sed 's/^/database: /'
  measure "summary $n (by area)" "$dxa" summary --db "$d/office.sqlite"
  measure "summary $n (by prefecture, json)" "$dxa" summary --db "$d/office.sqlite" --by prefecture --format json
  measure "rescore $n" "$dxa" rescore --db "$d/office.sqlite" --rules "$rules" --label bench
  rm -rf "$d/reports"
done
