#!/usr/bin/env bash
# Parallel and Memory figures of issue #6 and design.md section 6, every mp4j figure beside joblib's, from one run:
#   - Python peer: shared/peers/python/bench_joblib.py (Parallel start-up cold and warm, per-task overhead with the
#     loky, threading and multiprocessing backends, progress cost; Memory miss and hit, 1e6-element results,
#     joblib.hash of a 1e6-element argument)
#   - io.mp4j.bench.parallel.ParallelBench: the same Parallel scenarios (2 jobs) on worker JVMs and on threads
#   - io.mp4j.bench.memory.MemoryBench: the same Memory scenarios
# All JSON lines go to benchmarks/results/<date>-parallel.jsonl, then the side-by-side tables are printed.
#
# Usage (build first; this script builds nothing):
#   ./mvnw -B -q -DskipTests install
#   benchmarks/run-parallel.sh                    # full run, about 6 minutes on 2 cores
#   benchmarks/run-parallel.sh --quick            # smoke run, about a minute
#   benchmarks/run-parallel.sh --table FILE.jsonl # print the tables of an earlier run
# Knobs (environment): RUNS=5, SIZES=10000,100000, BATCH1_N=10000, SKIP_PYTHON=1, JAVA=java, PY=/usr/bin/python3,
#   PEERS=<repo>/../shared/peers, RESULTS_DIR=benchmarks/results
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
PEERS="${PEERS:-$ROOT/../shared/peers}"
JAR="${JAR:-$HERE/target/benchmarks.jar}"
JAVA="${JAVA:-java}"
PY="${PY:-/usr/bin/python3}"
HELPER_PY="$PY"
[ -x "$HELPER_PY" ] || HELPER_PY="$(command -v python3 || true)"

if [ "${1:-}" = "--table" ]; then
  "$HELPER_PY" "$HERE/scripts/parallel_tables.py" "${2:?usage: run-parallel.sh --table FILE.jsonl}"
  exit 0
fi
QUICK=0
if [ "${1:-}" = "--quick" ]; then
  QUICK=1
elif [ -n "${1:-}" ]; then
  echo "usage: run-parallel.sh [--quick | --table FILE.jsonl]" >&2
  exit 2
fi
if [ "$QUICK" = 1 ]; then
  RUNS="${RUNS:-1}"; SIZES="${SIZES:-10000}"; BATCH1_N="${BATCH1_N:-1000}"; export BENCH_QUICK=1; SUFFIX="parallel-quick"
else
  RUNS="${RUNS:-5}"; SIZES="${SIZES:-10000,100000}"; BATCH1_N="${BATCH1_N:-10000}"; SUFFIX="parallel"
fi
export BENCH_REPEATS="$RUNS"
RESULTS="${RESULTS_DIR:-$HERE/results}"
OUT="$RESULTS/$(date -u +%Y-%m-%dT%H%MZ)-$SUFFIX.jsonl"
say() { echo "== $*" >&2; }

if [ ! -f "$JAR" ]; then
  echo "missing $JAR: build first with ./mvnw -B -q -DskipTests install" >&2
  exit 2
fi
BIN_DIR="$(mktemp -d)"
trap 'rm -rf "$BIN_DIR"' EXIT
mkdir -p "$RESULTS"
cp -p "$JAR" "$BIN_DIR/benchmarks.jar"
JAR="$BIN_DIR/benchmarks.jar"
FLAGS="$("$JAVA" -cp "$JAR" io.mp4j.bench.PrintJvmFlags)"
COMMAND="RUNS=$RUNS SIZES=$SIZES BATCH1_N=$BATCH1_N JAVA=$JAVA benchmarks/run-parallel.sh${1:+ $1}"

JAVA_VERSION="$("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/"/\\"/g')"
CPU_MODEL="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
printf '{"bench": "meta", "metric": "environment", "value": 0, "unit": "", "side": "java", "utc": "%s", "nproc": %s, "cpu_model": "%s", "java_version": "%s", "commit": "%s", "loadavg_before": "%s", "command": "%s"}\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$CPU_MODEL" "$JAVA_VERSION" \
  "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')" "$(cut -d' ' -f1-3 /proc/loadavg)" "$COMMAND" > "$OUT"
say "$(nproc) cpus, $CPU_MODEL; $JAVA_VERSION; results in $OUT"

if [ "${SKIP_PYTHON:-0}" = 1 ]; then
  say "Python peer skipped (SKIP_PYTHON=1)"
elif [ ! -x "$PY" ] || [ ! -d "$PEERS/python" ] || ! "$PY" -c 'import joblib' 2>/dev/null; then
  say "Python peer skipped: $PY with joblib or $PEERS/python not found (apt-get install -y python3-joblib python3-numpy)"
else
  (cd "$PEERS/python" && "$PY" env_info.py) >> "$OUT" || true
  say "Python peer: bench_joblib.py"
  (cd "$PEERS/python" && "$PY" run_one.py bench_joblib.py) >> "$OUT" || say "bench_joblib.py failed: its figures are missing"
fi

say "Java: Parallel"
"$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.parallel.ParallelBench --runs "$RUNS" --sizes "$SIZES" --batch1-n "$BATCH1_N" \
  >> "$OUT" || say "ParallelBench failed: its figures are missing"
say "Java: Memory"
"$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.memory.MemoryBench --runs "$RUNS" $([ "$QUICK" = 1 ] && echo "--calls 50") \
  >> "$OUT" || say "MemoryBench failed: its figures are missing"

"$HELPER_PY" "$HERE/scripts/parallel_tables.py" "$OUT"
