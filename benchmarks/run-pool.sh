#!/usr/bin/env bash
# Pool figures of design.md section 6 (issue #4), every mp4j figure beside its peers, all from one run:
#   - Python peers (shared/peers/python, run in place through run_one.py): bench_pool.py fork spawn
#     (multiprocessing.Pool(2): start-up, map, apply loop, apply_async, pinned apply loop), bench_futures.py
#     (ProcessPoolExecutor(2) fork and spawn, ThreadPoolExecutor), bench_joblib.py (Parallel start-up cold and
#     warm, per-task overhead, Memory)
#   - io.mp4j.bench.pool.PoolBench, one JVM per part, each with ForkJoinPool / ExecutorService peers in the same
#     JVM and the same runs:
#       startup  ProcessPool(2) until the first result: cold with and without the start-up archive (AppCDS), the
#                archive's first use (empty archive directory), warm (a closed pool's workers reused); a bare JVM
#       apply    blocking apply round trip, HdrHistogram percentiles; then the same with this JVM and its workers
#                on cpu 0 (taskset), beside Python's pinned apply loop
#       async    applyAsync / submit throughput
#       map      time per trivial task, automatic chunks and chunks of 1, 1e4 / 1e5 / 1e6 tasks
#       speedup  CPU-bound tasks (20 ms each) against 1..nproc workers, Amdahl fit
#       parallel Parallel.run per trivial call (1e5 calls), cold, warm and in a scope, beside map
# All JSON lines go to benchmarks/results/<date>-pool.jsonl, then the summarize.py table and the side-by-side
# tables (with ratios and targets) are printed.
#
# Usage (build first; this script builds nothing):
#   ./mvnw -B -q -DskipTests install          # or mvn ...
#   benchmarks/run-pool.sh                    # full run, about 15 minutes on 2 cores
#   benchmarks/run-pool.sh --quick            # smoke run, about 3 minutes (1 run each, small sizes)
#   benchmarks/run-pool.sh --table FILE.jsonl # print the side-by-side tables of an earlier run
# Knobs (environment):
#   RUNS=5                 runs per figure (value = median), Java and Python (BENCH_REPEATS)
#   START_RUNS=11          runs of each start-up variant
#   APPLY_CALLS=100000     timed apply calls per run (APPLY_WARMUP=50000 before); PIN_APPLY_CALLS=3000 pinned (Python: 3000)
#   ASYNC_SIZES=10000,100000  MAP_SIZES=10000,100000,1000000  CHUNK1_MAX_N=1000000
#   SPEEDUP_WORKERS=1..nproc (at least 1,2)  TASK_MS=20  TASKS=24
#   PARALLEL_SIZES=100000
#   PARTS=startup,apply,pinned,async,map,speedup,parallel   which Java parts to run
#   QUIET_WAIT_S=30        seconds to wait before each step for a 2 s window that is >= 85 % idle
#   RESULTS_DIR=benchmarks/results, PEERS=<repo>/../shared/peers, SKIP_PYTHON=1, JAVA=java, PY=/usr/bin/python3,
#   JAR=benchmarks/target/benchmarks.jar (pin a build: the environment line records its sha256, HEAD and whether
#   the working tree had changes, since a jar built from a tree that others edit is not always HEAD)
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
  "$HELPER_PY" "$HERE/scripts/pool_tables.py" "${2:?usage: run-pool.sh --table FILE.jsonl}"
  exit 0
fi

QUICK=0
if [ "${1:-}" = "--quick" ]; then
  QUICK=1
elif [ -n "${1:-}" ]; then
  echo "usage: run-pool.sh [--quick | --table FILE.jsonl]" >&2
  exit 2
fi

NPROC="$(nproc)"
DEFAULT_SPEEDUP_WORKERS="$(seq -s, 1 $(( NPROC > 2 ? NPROC : 2 )))"
if [ "$QUICK" = 1 ]; then
  RUNS="${RUNS:-1}"
  START_RUNS="${START_RUNS:-3}"
  APPLY_CALLS="${APPLY_CALLS:-20000}"
  APPLY_WARMUP="${APPLY_WARMUP:-10000}"
  PIN_APPLY_CALLS="${PIN_APPLY_CALLS:-1000}"
  ASYNC_SIZES="${ASYNC_SIZES:-10000}"
  MAP_SIZES="${MAP_SIZES:-10000,100000}"
  CHUNK1_MAX_N="${CHUNK1_MAX_N:-10000}"
  TASK_MS="${TASK_MS:-10}"
  TASKS="${TASKS:-8}"
  export QUIET_WAIT_S="${QUIET_WAIT_S:-0}"
  export BENCH_QUICK=1
  SUFFIX="pool-quick"
else
  RUNS="${RUNS:-5}"
  START_RUNS="${START_RUNS:-11}"
  APPLY_CALLS="${APPLY_CALLS:-100000}"
  APPLY_WARMUP="${APPLY_WARMUP:-50000}"
  PIN_APPLY_CALLS="${PIN_APPLY_CALLS:-3000}"
  ASYNC_SIZES="${ASYNC_SIZES:-10000,100000}"
  MAP_SIZES="${MAP_SIZES:-10000,100000,1000000}"
  CHUNK1_MAX_N="${CHUNK1_MAX_N:-1000000}"
  TASK_MS="${TASK_MS:-20}"
  TASKS="${TASKS:-24}"
  export QUIET_WAIT_S="${QUIET_WAIT_S:-30}"
  SUFFIX="pool"
fi
SPEEDUP_WORKERS="${SPEEDUP_WORKERS:-$DEFAULT_SPEEDUP_WORKERS}"
PARTS="${PARTS:-startup,apply,pinned,async,map,speedup,parallel}"
PARALLEL_SIZES="${PARALLEL_SIZES:-100000}"
export BENCH_REPEATS="$RUNS"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS="${RESULTS_DIR:-$HERE/results}"
OUT="$RESULTS/$STAMP-$SUFFIX.jsonl"

say() { echo "== $*" >&2; }
has_part() { case ",$PARTS," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

if [ ! -f "$JAR" ]; then
  echo "missing $JAR: build first with ./mvnw -B -q -DskipTests install" >&2
  exit 2
fi
if [ -z "$HELPER_PY" ]; then
  echo "no python3: needed for the peers, the summaries and the helper scripts" >&2
  exit 2
fi
# A private copy of the jar (a rebuild during the run does not change what the workers load; the start-up archive
# is keyed on the jar's path, size and time) and a private archive directory, both removed on exit.
BIN_DIR="$(mktemp -d)"
trap 'rm -rf "$BIN_DIR"' EXIT
mkdir -p "$RESULTS"
cp -p "$JAR" "$BIN_DIR/benchmarks.jar"
JAR="$BIN_DIR/benchmarks.jar"
FLAGS="$("$JAVA" -cp "$JAR" io.mp4j.bench.PrintJvmFlags)"
MEASURED=("$HELPER_PY" "$HERE/scripts/measured.py")
COMMAND="RUNS=$RUNS START_RUNS=$START_RUNS APPLY_CALLS=$APPLY_CALLS ASYNC_SIZES=$ASYNC_SIZES MAP_SIZES=$MAP_SIZES CHUNK1_MAX_N=$CHUNK1_MAX_N SPEEDUP_WORKERS=$SPEEDUP_WORKERS TASK_MS=$TASK_MS TASKS=$TASKS PARTS=$PARTS JAVA=$JAVA benchmarks/run-pool.sh${1:+ $1}"

say "environment"
JAVA_VERSION_TEXT="$("$JAVA" -version 2>&1 | tr '\n' ' ')"
JAVA_VERSION="$(printf '%s' "$JAVA_VERSION_TEXT" | sed 's/"/\\"/g')"
CPU_MODEL="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
MEM_KB="$(awk '/MemTotal/ {print $2}' /proc/meminfo)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
DIRTY="$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | wc -l | tr -d ' ')"
JAR_SHA="$(sha256sum "$JAR" | cut -c1-16)"
JAR_TIME="$(date -u -r "$JAR" +%Y-%m-%dT%H:%M:%SZ)"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
printf '{"bench": "meta", "metric": "environment", "value": 0, "unit": "", "side": "java", "utc": "%s", "nproc": %s, "cpu_model": "%s", "mem_kb": %s, "kernel": "%s", "java_version": "%s", "jvm_flags": "%s", "commit": "%s", "tracked_files_changed": %s, "jar_sha256": "%s", "jar_built": "%s", "runs": %s, "loadavg_before": "%s", "command": "%s"}\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$NPROC" "$CPU_MODEL" "$MEM_KB" "$(uname -r)" "$JAVA_VERSION" "$FLAGS" \
  "$COMMIT" "$DIRTY" "$JAR_SHA" "$JAR_TIME" "$RUNS" "$LOAD" "$COMMAND" > "$OUT"
echo "   $NPROC cpus, $CPU_MODEL, $((MEM_KB / 1024)) MiB; $JAVA_VERSION_TEXT; commit $COMMIT ($DIRTY tracked files" \
  "changed); jar $JAR_SHA built $JAR_TIME; load $LOAD" >&2

# 1. Python peers, run in place
if [ "${SKIP_PYTHON:-0}" = 1 ]; then
  say "Python peers skipped (SKIP_PYTHON=1)"
elif [ ! -x "$PY" ] || [ ! -d "$PEERS/python" ]; then
  say "Python peers skipped: $PY or $PEERS/python not found (set PEERS=.../shared/peers)"
else
  if ! "$PY" -c 'import joblib' 2>/dev/null; then
    say "$PY cannot import joblib (apt-get install -y python3-joblib python3-numpy): bench_joblib.py will fail"
  fi
  (cd "$PEERS/python" && "$PY" env_info.py) >> "$OUT" || true
  for script in "bench_pool.py fork spawn" bench_futures.py bench_joblib.py; do
    say "Python peer: $script"
    # shellcheck disable=SC2086 # the script name and its arguments
    (cd "$PEERS/python" && "$PY" run_one.py $script) >> "$OUT" \
      || say "$script failed: its figures are missing from this run"
  done
fi

# 2. Java, one JVM per part
pool_bench() {
  local name="$1"
  shift
  "${MEASURED[@]}" "$name" "$@" >> "$OUT" || say "$name failed: its figures are missing from this run"
}
JVM=("$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.pool.PoolBench --workers 2 --runs "$RUNS")
if has_part startup; then
  say "Java: pool start-up ($START_RUNS runs of each variant)"
  pool_bench PoolBench.startup "${JVM[@]}" --parts startup --start-runs "$START_RUNS" --cds-dir "$BIN_DIR/cds"
fi
if has_part apply; then
  say "Java: apply round trip"
  pool_bench PoolBench.apply "${JVM[@]}" --parts apply --apply-calls "$APPLY_CALLS" --apply-warmup "$APPLY_WARMUP"
fi
if has_part pinned; then
  if command -v taskset >/dev/null && [ "$NPROC" -ge 2 ]; then
    say "Java: apply round trip, this JVM and its workers on cpu 0"
    pool_bench PoolBench.apply.pinned taskset -c 0 "${JVM[@]}" --parts apply --pin all_on_cpu0 \
      --apply-calls "$PIN_APPLY_CALLS" --apply-warmup "$PIN_APPLY_CALLS"
  else
    say "pinned apply skipped: no taskset or a single cpu"
  fi
fi
if has_part async; then
  say "Java: applyAsync / submit throughput"
  pool_bench PoolBench.async "${JVM[@]}" --parts async --async-sizes "$ASYNC_SIZES"
fi
if has_part map; then
  say "Java: map per task"
  pool_bench PoolBench.map "${JVM[@]}" --parts map --map-sizes "$MAP_SIZES" --chunk1-max-n "$CHUNK1_MAX_N"
fi
if has_part speedup; then
  say "Java: CPU-bound speed-up (workers $SPEEDUP_WORKERS)"
  pool_bench PoolBench.speedup "${JVM[@]}" --parts speedup --speedup-workers "$SPEEDUP_WORKERS" \
    --task-ms "$TASK_MS" --tasks "$TASKS"
fi

if has_part parallel; then
  say "Java: Parallel.run per call (sizes $PARALLEL_SIZES)"
  pool_bench PoolBench.parallel "${JVM[@]}" --parts parallel --parallel-sizes "$PARALLEL_SIZES"
fi

leftover="$(pgrep -f 'io.mp4j.launcher.worker.WorkerMain' 2>/dev/null | tr '\n' ' ' || true)"
if [ -n "$leftover" ]; then
  echo "!! worker JVMs running after the run (maybe another user's): $leftover" >&2
fi
echo "{\"bench\": \"meta\", \"metric\": \"loadavg_after\", \"value\": $(cut -d' ' -f1 /proc/loadavg), \"unit\": \"\", \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >> "$OUT"

say "results: $OUT"
if [ -f "$PEERS/python/summarize.py" ]; then
  "$HELPER_PY" "$PEERS/python/summarize.py" "$OUT"
  echo
fi
"$HELPER_PY" "$HERE/scripts/pool_tables.py" "$OUT"
