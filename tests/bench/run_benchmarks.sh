#!/usr/bin/env bash
# Benchmarks (not tests: they time), all in one run so that the figures in docs/performance.md
# come from one machine state and one commit: evaluation against the hand-written scorer, `dxassess
# bench`, start-up against a hand-written floor, then for each size generate, batch (both cores,
# one core, with full reports), collect, summary and rescore, with wall time, peak memory and CPU.
# Figures go into docs/performance.md by hand.
#   tests/bench/run_benchmarks.sh BUILD_DIR WORK_DIR [SIZES...]     e.g. build/release /tmp/bench 10000 100000
set -euo pipefail
build=$(realpath "$1"); work=$2; shift 2
sizes=("${@:-1788}")
dxa="$build/stage/bin/dxassess"
rules="$build/stage/share/dxassess/rules"
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
sample="$source_dir/rules/samples/sample-city.toml"
mkdir -p "$work"
export DXASSESS_CONFIG=
measure() {  # label, command...: prints seconds, peak RSS (MiB) and CPU use (200% = both cores)
  local label=$1; shift
  /usr/bin/time -f "%e %M %P" -o "$work/time.txt" "$@" > "$work/last.out" 2>&1 || { cat "$work/last.out"; exit 1; }
  read -r secs kib cpu < "$work/time.txt"
  printf '%-38s %8.2f s %8.1f MiB %6s CPU\n' "$label" "$secs" "$(echo "$kib / 1024" | bc -l)" "$cpu"
}
repeat() {  # label, runs, command...: mean wall time per run in milliseconds
  local label=$1 runs=$2; shift 2
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$@" > /dev/null 2>&1; done
  end=$(date +%s%N)
  printf '%-38s %8.1f ms per run (%d runs)\n' "$label" "$(echo "($end - $start) / $runs / 1000000" | bc -l)" "$runs"
}
echo "commit: $(git -C "$source_dir" rev-parse --short HEAD)$(git -C "$source_dir" diff --quiet || echo ' (with changes)')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem/ {print $2}') GiB"
echo "--- evaluation: the telework rule set against the hand-written scorer ---"
"$build/tests/bench/dxassess_bench_evaluation" "$rules" 200     # answer sets in cache, as in batch
"$build/tests/bench/dxassess_bench_evaluation" "$rules" 20000   # answer sets spread over memory
echo "--- dxassess bench (every shipped rule set, one thread) ---"
"$dxa" --lang en bench "$rules" --count 10000
echo "--- start-up: assess the sample city, report.json only ---"
mkdir -p "$work/startup"
repeat "hand-written floor" 50 "$build/tests/bench/dxassess_bench_startup_floor" "$sample" "$work/startup"
repeat "dxassess assess" 50 "$dxa" assess "$sample" -o "$work/startup" --format json
for n in "${sizes[@]}"; do
  d="$work/$n"; rm -rf "$d"; mkdir -p "$d"
  echo "--- $n answer sets ---"
  measure "generate $n" "$dxa" generate --count "$n" --seed 1 --out "$d/answers.jsonl"
  measure "batch $n (results only)" "$dxa" batch --input "$d/answers.jsonl" --out "$d/results.jsonl"
  measure "batch $n (results only, --jobs 1)" "$dxa" batch --input "$d/answers.jsonl" --out "$d/results1.jsonl" --jobs 1
  measure "batch $n (with full reports)" "$dxa" batch --input "$d/answers.jsonl" --out "$d/results2.jsonl" --reports "$d/reports"
  du -sh "$d/reports" | sed 's/^/reports on disk: /'
  measure "collect $n reports" "$dxa" collect "$d/reports" --db "$d/office.sqlite"
  du -sh "$d/office.sqlite" | sed 's/^/database: /'
  measure "summary $n (by area)" "$dxa" summary --db "$d/office.sqlite"
  measure "summary $n (by prefecture, json)" "$dxa" summary --db "$d/office.sqlite" --by prefecture --format json
  measure "rescore $n" "$dxa" rescore --db "$d/office.sqlite" --rules "$rules" --label bench
  rm -rf "$d"
done
