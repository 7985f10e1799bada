#!/usr/bin/env bash
# Shared-counter figures of design.md section 6, every figure beside its peer, all from one run:
#   - Python peer: shared/peers/python/bench_shared.py (Value with its lock, RawValue+Lock, ...)
#   - Java harness: io.mp4j.bench.harness.CounterContention (mp4j SharedLong and raw Agrona from 2 JVMs,
#     AtomicLong in one JVM) and io.mp4j.bench.harness.PingPong (8-byte round trip, unpinned and split), each
#     ping-pong run followed by a run of the C cache-line floor shared/peers/limits/pingpong.c
#   - JMH: io.mp4j.bench.jmh.CounterJmh (CounterBenchmark, 1 and 2 threads, short run)
#   - locks: CounterContention's lock kinds (a plain increment under mp4j's SharedLock from 2 JVMs, under a
#     ReentrantLock from 2 threads; Python's peer is bench_shared.py's RawValue+Lock) and JMH's LockBenchmark
#     (acquire + release, 1 and 2 threads, beside ReentrantLock and synchronized; Python's mp.Lock uncontended)
# All JSON lines go to benchmarks/results/<date>-counters.jsonl (JMH's own JSON beside it), then the
# summarize.py table and a side-by-side headline table are printed.
#
# Usage (from anywhere; build first, this script builds nothing but the C floor):
#   ./mvnw -B -q -DskipTests install        # or: mvn -B -q -DskipTests install
#   benchmarks/run-counters.sh
# Knobs (environment):
#   RUNS=5              runs per figure (value = median) for the Python peer and the ping-pong (+ C floor)
#   COUNTER_KINDS=...   CounterContention's kinds (default: the counters and the two lock kinds)
#   COUNTER_RUNS=9      runs of CounterContention; its contended_increments_per_s keeps the runs in which the
#                       participants overlapped >= 90%
#   N_EACH=500000,10000000   increments per participant (500000 is bench_shared.py's n_each)
#   PING_ROUND_TRIPS=1000000 round trips per ping-pong run
#   JMH_FORKS=2, JMH_SECONDS=1   JMH forks (a fork's 2-thread figure can be half another's here) and
#                       iteration length (3 warm-up and 5 measurement iterations)
#   QUIET_WAIT_S=30     seconds to wait before each step for a 2 s window that is >= 85 % idle
#   RESULTS_DIR=benchmarks/results, PEERS=<repo>/../shared/peers, SKIP_PYTHON=1,
#   JAVA=java, PY=/usr/bin/python3
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
PEERS="${PEERS:-$ROOT/../shared/peers}"
JAR="$HERE/target/benchmarks.jar"
JAVA="${JAVA:-java}"
PY="${PY:-/usr/bin/python3}"
RUNS="${RUNS:-5}"
COUNTER_RUNS="${COUNTER_RUNS:-9}"
N_EACH="${N_EACH:-500000,10000000}"
PING_ROUND_TRIPS="${PING_ROUND_TRIPS:-1000000}"
JMH_SECONDS="${JMH_SECONDS:-1}"
JMH_FORKS="${JMH_FORKS:-2}"
export QUIET_WAIT_S="${QUIET_WAIT_S:-30}"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS="${RESULTS_DIR:-$HERE/results}"
OUT="$RESULTS/$STAMP-counters.jsonl"
JMH_JSON="$RESULTS/$STAMP-counters-jmh.json"
LOCK_JMH_JSON="$RESULTS/$STAMP-locks-jmh.json"
COUNTER_KINDS="${COUNTER_KINDS:-SharedLong.getAndAdd,Agrona.getAndAddLong,AtomicLong.getAndAdd,SharedLock+plain,ReentrantLock+plain}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

say() { echo "== $*" >&2; }

if [ ! -f "$JAR" ]; then
  echo "missing $JAR: build first with ./mvnw -B -q -DskipTests install (or mvn -B -q -DskipTests install)" >&2
  exit 2
fi
# Python for the helper scripts: Debian's if present, else any python3.
HELPER_PY="$PY"
[ -x "$HELPER_PY" ] || HELPER_PY="$(command -v python3 || true)"
if [ -z "$HELPER_PY" ]; then
  echo "no python3: needed for the peers, the summaries and the helper scripts" >&2
  exit 2
fi
mkdir -p "$RESULTS"
FLAGS="$("$JAVA" -cp "$JAR" io.mp4j.bench.PrintJvmFlags)"
MEASURED=("$HELPER_PY" "$HERE/scripts/measured.py")

say "environment"
JAVA_VERSION="$("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/"/\\"/g')"
CPU_MODEL="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
MEM_KB="$(awk '/MemTotal/ {print $2}' /proc/meminfo)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
printf '{"bench": "meta", "metric": "environment", "value": 0, "unit": "", "side": "java", "utc": "%s", "nproc": %s, "cpu_model": "%s", "mem_kb": %s, "kernel": "%s", "java_version": "%s", "jvm_flags": "%s", "commit": "%s", "runs": %s, "command": "%s"}\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$CPU_MODEL" "$MEM_KB" "$(uname -r)" "$JAVA_VERSION" "$FLAGS" \
  "$COMMIT" "$RUNS" "RUNS=$RUNS COUNTER_RUNS=$COUNTER_RUNS N_EACH=$N_EACH PING_ROUND_TRIPS=$PING_ROUND_TRIPS JMH_FORKS=$JMH_FORKS JMH_SECONDS=$JMH_SECONDS benchmarks/run-counters.sh" > "$OUT"
echo "   $(nproc) cpus, $CPU_MODEL, $((MEM_KB / 1024)) MiB; $JAVA_VERSION; commit $COMMIT" >&2

# 1. Python peer
if [ "${SKIP_PYTHON:-0}" = 1 ]; then
  say "Python peer skipped (SKIP_PYTHON=1)"
elif [ ! -x "$PY" ]; then
  say "Python peer skipped: $PY not found"
elif [ ! -d "$PEERS/python" ]; then
  say "Python peer skipped: $PEERS/python not found (set PEERS=.../shared/peers)"
else
  if ! "$PY" -c 'import joblib, numpy' 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "installing python3-joblib python3-numpy for $PY"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-joblib python3-numpy) >&2 \
        || echo "   apt-get failed: bench_shared.py runs without numpy (its shared_memory+numpy figures are skipped)" >&2
    else
      echo "   $PY lacks joblib/numpy and this is not root: bench_shared.py runs without numpy" >&2
    fi
  fi
  say "Python peer: bench_shared.py"
  (cd "$PEERS/python" && "$PY" env_info.py && BENCH_REPEATS="$RUNS" "$PY" run_one.py bench_shared.py) >> "$OUT" \
    || say "bench_shared.py failed: Python figures missing from this run"
fi

# 2. Java cross-process counter harness
say "Java: CounterContention"
"${MEASURED[@]}" CounterContention "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.harness.CounterContention \
  --runs "$COUNTER_RUNS" --n-each "$N_EACH" --kinds "$COUNTER_KINDS" >> "$OUT"
# 3. Java ping-pong, each run followed by a run of the C cache-line floor (pingpong.c): the VM's vCPU placement,
# and with it the round trip, changes over minutes, so only figures taken seconds apart compare
FLOOR=()
if command -v gcc >/dev/null && [ -f "$PEERS/limits/pingpong.c" ]; then
  gcc -O2 -o "$TMP/pingpong" "$PEERS/limits/pingpong.c" -lrt
  FLOOR=(--floor "$TMP/pingpong")
else
  say "C floor skipped: no gcc or no $PEERS/limits/pingpong.c"
fi
say "Java: PingPong, unpinned (C floor after each run: ${FLOOR[*]:-none})"
"${MEASURED[@]}" PingPong.none "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.harness.PingPong \
  --runs "$RUNS" --round-trips "$PING_ROUND_TRIPS" --pin none "${FLOOR[@]}" >> "$OUT"
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  say "Java: PingPong, split over cpus 0 and 1 like pingpong.c"
  "${MEASURED[@]}" PingPong.split taskset -c 0 "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.harness.PingPong \
    --runs "$RUNS" --round-trips "$PING_ROUND_TRIPS" --pin split "${FLOOR[@]}" >> "$OUT"
fi

# 4. JMH, short
say "JMH: CounterBenchmark ($JMH_FORKS forks, 3 x ${JMH_SECONDS} s warm-up, 5 x ${JMH_SECONDS} s measurement)"
"${MEASURED[@]}" CounterJmh "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.jmh.CounterJmh --json "$JMH_JSON" \
  --forks "$JMH_FORKS" --seconds "$JMH_SECONDS" >> "$OUT"

say "JMH: LockBenchmark ($JMH_FORKS forks, 3 x ${JMH_SECONDS} s warm-up, 5 x ${JMH_SECONDS} s measurement)"
"${MEASURED[@]}" LockJmh "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.jmh.CounterJmh --json "$LOCK_JMH_JSON" \
  --forks "$JMH_FORKS" --seconds "$JMH_SECONDS" --benchmark lock >> "$OUT"

leftover="$(find /dev/shm -maxdepth 1 \( -name 'mp4j-bench-*' -o -name 'mp4j-jmh-*' \) 2>/dev/null || true)"
if [ -n "$leftover" ]; then
  echo "!! left in /dev/shm: $leftover" >&2
fi

say "results: $OUT"
if [ -f "$PEERS/python/summarize.py" ]; then
  "$HELPER_PY" "$PEERS/python/summarize.py" "$OUT"
  echo
fi
"$HELPER_PY" "$HERE/scripts/side_by_side.py" "$OUT"
