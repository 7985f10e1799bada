#!/usr/bin/env bash
# Shared map and durable queue figures of design.md section 6, every mp4j figure beside its peers, all from one run:
#   - Python peer: shared/peers/python/bench_manager.py (Manager().dict() set / get from a child process, ...)
#   - io.mp4j.bench.collections.MapThroughput: get and put per JVM, 1 JVM and 2 JVMs at once, mp4j SharedMap<Long,
#     Long> beside raw Chronicle Map ChronicleMap<Long, Long> (same entries, same key and value sizes), for each
#     map size in MAP_KEYS (the small one fits in the caches, the large one does not)
#   - io.mp4j.bench.ipc.IpcQueueThroughput with the durable queues: 1 producer JVM, 1 consumer JVM, 64 B messages,
#     mp4j DurableQueue (a consumer of a work-sharing group; a reader) beside raw Chronicle Queue (appender, tailer)
# All JSON lines go to benchmarks/results/<date>-collections.jsonl, then the summarize.py table and the side-by-side
# tables (with ratios and the targets) are printed.
#
# Usage (build first; this script builds nothing):
#   ./mvnw -B -q -DskipTests install          # or mvn -B -q -DskipTests install
#   benchmarks/run-collections.sh             # full run, about 10 minutes on 2 cores
#   benchmarks/run-collections.sh --quick     # smoke run, under a minute (1 run each, short windows, small map)
#   benchmarks/run-collections.sh --table FILE.jsonl   # print the side-by-side tables of an earlier run
# Knobs (environment):
#   RUNS=5                 runs per figure (value = median), Java and Python
#   MAP_KEYS=65536,1048576 map sizes (keys, all present; puts replace values)
#   MAP_WARMUP_MS=2000 / MAP_WINDOW_MS=2000   warm-up and measured window of each map run
#   QUEUE_WARMUP_MS=1000 / QUEUE_WINDOW_MS=1000   the same for the queues (Chronicle keeps every message: <= 1 s)
#   QUIET_WAIT_S=30        seconds to wait before each step for a 2 s window that is >= 85 % idle
#   RESULTS_DIR=benchmarks/results, PEERS=<repo>/../shared/peers, SKIP_PYTHON=1, JAVA=java, PY=/usr/bin/python3
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
PEERS="${PEERS:-$ROOT/../shared/peers}"
JAR="$HERE/target/benchmarks.jar"
JAVA="${JAVA:-java}"
PY="${PY:-/usr/bin/python3}"
HELPER_PY="$PY"
[ -x "$HELPER_PY" ] || HELPER_PY="$(command -v python3 || true)"

tables() {
  "$HELPER_PY" - "$1" <<'PYEOF'
import json, sys

rows = {}
meta = []
for ln in open(sys.argv[1]):
    ln = ln.strip()
    if ln.startswith("{"):
        r = json.loads(ln)
        if r.get("bench") == "meta":
            meta.append(r)
        elif "id" in r:
            rows[r["id"]] = r

def val(i):
    r = rows.get(i)
    return None if r is None else r["value"]

def m(v):
    return "n/a" if v is None else f"{v / 1e6:.2f} M"

def rng(i):
    r = rows.get(i)
    if r is None or len(r.get("runs", [])) < 2:
        return ""
    return f" [{r['min'] / 1e6:.2f}..{r['max'] / 1e6:.2f}]"

def x(v):
    return "n/a" if v is None else f"{v:.2f}"

# ---- Python peer: Manager().dict() from a child process (the server is another process)
py = {}
for r in rows.values():
    if r["bench"] in ("mp.Manager.dict_get", "mp.Manager.dict_set") and r["metric"] == "ops_per_s" \
            and r.get("params", {}).get("caller") == "child":
        py[r["bench"].rsplit("_", 1)[1]] = r

# ---- map
keys_list = sorted({r["params"]["keys"] for r in rows.values() if r["bench"] == "mp4j.map" and "keys" in r["params"]})
targets = {"get": 3e6, "put": 1e6}
for keys in keys_list:
    print(f"\n### Shared map, {keys:,} Long -> Long entries: ops/s per JVM, one thread per JVM "
          f"(median of runs [min..max])\n")
    print("| op | JVMs | mp4j `SharedMap` | raw Chronicle Map | **mp4j / Chronicle** (run by run) | cpu share mp4j / Chronicle "
          "| Python `Manager().dict()` | mp4j / Python | target | met |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for op in ("get", "put"):
        for procs in (1, 2):
            base = f"mp4j.map[impl=%s,keys={keys},op={op},procs={procs}]."
            mine = val(base % "mp4j.SharedMap" + "ops_per_s_per_jvm")
            raw = val(base % "chronicle.Map" + "ops_per_s_per_jvm")
            if mine is None and raw is None:
                continue
            ratio = val(base % "mp4j.SharedMap" + "over_chronicle")
            cm = val(base % "mp4j.SharedMap" + "cpu_share")
            cr = val(base % "chronicle.Map" + "cpu_share")
            p = py.get("get" if op == "get" else "set")
            pv = p["value"] if p else None
            target = targets[op]
            met = "" if mine is None else ("yes" if mine >= target else "no") if procs == 2 else "(1 JVM)"
            py_s = "" if pv is None else f"{pv / 1e3:.1f} k"
            over_py = "" if pv is None or mine is None else f"{mine / pv:,.0f}"
            mine_r = rng(base % "mp4j.SharedMap" + "ops_per_s_per_jvm")
            raw_r = rng(base % "chronicle.Map" + "ops_per_s_per_jvm")
            print(f"| {op} | {procs} | {m(mine)}{mine_r} | {m(raw)}{raw_r} | **{x(ratio)}** | {x(cm)} / {x(cr)} "
                  f"| {py_s} | {over_py} | >= {target / 1e6:.0f} M per JVM, 2 JVMs | {met} |")
    absent = [r for r in rows.values() if r["bench"] == "mp4j.map" and r["metric"] == "absent" and r["value"] != 0]
    if absent:
        print("\n!! calls that found no value: " + ", ".join(r["id"] for r in absent))
if py:
    print("\nPython: `Manager().dict()` proxy from a child process (bench_manager.py, "
          + ", ".join(f"{k}: {r['value']:,.0f} op/s" for k, r in sorted(py.items())) + "); "
          "Python's column is its set for put.")

# ---- durable queue
q = {}
for r in rows.values():
    if r["bench"] == "ipc.queue" and r["params"].get("topo") == "1P1C":
        q.setdefault((r["params"]["msg_bytes"], r["params"]["pin"]), {})[(r["params"]["impl"], r["metric"])] = r
for (size, pin), d in sorted(q.items()):
    print(f"\n### Durable queue, 1 producer JVM -> 1 consumer JVM, {size} B messages, pin={pin}: M msg/s "
          f"(median of runs [min..max])\n")
    print("| impl | M msg/s | MB/s | over raw Chronicle Queue (run by run) | consumer cpu share |")
    print("|---|---|---|---|---|")
    for impl in ("mp4j.DurableQueue.consumer", "mp4j.DurableQueue.reader", "chronicle.Queue"):
        r = d.get((impl, "msgs_per_s"))
        if r is None:
            continue
        spread = f" [{r['min'] / 1e6:.2f}..{r['max'] / 1e6:.2f}]" if len(r.get("runs", [])) > 1 else ""
        mb = d.get((impl, "payload_MB_per_s"))
        over = d.get((impl, "over_chronicle"))
        share = d.get((impl, "consumer_cpu_share"))
        over_s = "" if over is None else f"**{over['value']:.2f}**"
        share_s = "" if share is None else f"{share['value']:.2f}"
        print(f"| {impl} | {r['value'] / 1e6:.2f}{spread} | {mb['value']:,.0f} | {over_s} | {share_s} |")
foreign = [f"{r.get('script')}: {r['value']} %" for r in meta if r.get("metric") == "foreign_cpu_pct"]
if foreign:
    print("\nOther tenants' CPU use during each step (foreign_cpu_pct): " + "; ".join(foreign))
PYEOF
}

if [ "${1:-}" = "--table" ]; then
  tables "${2:?usage: run-collections.sh --table FILE.jsonl}"
  exit 0
fi

QUICK=0
if [ "${1:-}" = "--quick" ]; then
  QUICK=1
elif [ -n "${1:-}" ]; then
  echo "usage: run-collections.sh [--quick | --table FILE.jsonl]" >&2
  exit 2
fi

if [ "$QUICK" = 1 ]; then
  RUNS="${RUNS:-1}"
  MAP_KEYS="${MAP_KEYS:-65536}"
  MAP_WARMUP_MS="${MAP_WARMUP_MS:-500}"
  MAP_WINDOW_MS="${MAP_WINDOW_MS:-500}"
  QUEUE_WARMUP_MS="${QUEUE_WARMUP_MS:-300}"
  QUEUE_WINDOW_MS="${QUEUE_WINDOW_MS:-300}"
  export QUIET_WAIT_S="${QUIET_WAIT_S:-0}"
  export BENCH_QUICK=1
  SUFFIX="collections-quick"
else
  RUNS="${RUNS:-5}"
  MAP_KEYS="${MAP_KEYS:-65536,1048576}"
  MAP_WARMUP_MS="${MAP_WARMUP_MS:-2000}"
  MAP_WINDOW_MS="${MAP_WINDOW_MS:-2000}"
  QUEUE_WARMUP_MS="${QUEUE_WARMUP_MS:-1000}"
  QUEUE_WINDOW_MS="${QUEUE_WINDOW_MS:-1000}"
  export QUIET_WAIT_S="${QUIET_WAIT_S:-30}"
  SUFFIX="collections"
fi
export BENCH_REPEATS="$RUNS"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS="${RESULTS_DIR:-$HERE/results}"
OUT="$RESULTS/$STAMP-$SUFFIX.jsonl"

say() { echo "== $*" >&2; }

if [ ! -f "$JAR" ]; then
  echo "missing $JAR: build first with ./mvnw -B -q -DskipTests install" >&2
  exit 2
fi
if [ -z "$HELPER_PY" ]; then
  echo "no python3: needed for the peers, the summaries and the helper scripts" >&2
  exit 2
fi
# Everything shared lives in one 0700 directory under /dev/shm, removed on exit whatever happens.
RUN_DIR="$(mktemp -d /dev/shm/mp4j-bench-collections-XXXXXX)"
BIN_DIR="$(mktemp -d)"
trap 'rm -rf "$RUN_DIR" "$BIN_DIR"' EXIT
mkdir -p "$RESULTS"
# A private copy of the jar: a rebuild during the run does not change what the child JVMs load.
cp "$JAR" "$BIN_DIR/benchmarks.jar"
JAR="$BIN_DIR/benchmarks.jar"
FLAGS="$("$JAVA" -cp "$JAR" io.mp4j.bench.PrintJvmFlags)"
MEASURED=("$HELPER_PY" "$HERE/scripts/measured.py")

say "environment"
JAVA_VERSION_TEXT="$("$JAVA" -version 2>&1 | tr '\n' ' ')"
JAVA_VERSION="$(printf '%s' "$JAVA_VERSION_TEXT" | sed 's/"/\\"/g')"
CPU_MODEL="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
MEM_KB="$(awk '/MemTotal/ {print $2}' /proc/meminfo)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
DIRTY="$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo ' plus uncommitted changes' || true)"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
printf '{"bench": "meta", "metric": "environment", "value": 0, "unit": "", "side": "java", "utc": "%s", "nproc": %s, "cpu_model": "%s", "mem_kb": %s, "kernel": "%s", "java_version": "%s", "jvm_flags": "%s", "commit": "%s%s", "runs": %s, "loadavg_before": "%s", "command": "%s"}\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$CPU_MODEL" "$MEM_KB" "$(uname -r)" "$JAVA_VERSION" "$FLAGS" \
  "$COMMIT" "$DIRTY" "$RUNS" "$LOAD" "RUNS=$RUNS MAP_KEYS=$MAP_KEYS MAP_WARMUP_MS=$MAP_WARMUP_MS MAP_WINDOW_MS=$MAP_WINDOW_MS QUEUE_WARMUP_MS=$QUEUE_WARMUP_MS QUEUE_WINDOW_MS=$QUEUE_WINDOW_MS benchmarks/run-collections.sh${1:+ $1}" > "$OUT"
echo "   $(nproc) cpus, $CPU_MODEL, $((MEM_KB / 1024)) MiB; $JAVA_VERSION_TEXT; commit $COMMIT$DIRTY; load $LOAD" >&2

# 1. Python peer: Manager().dict() (proxy round trips to the manager's server process)
if [ "${SKIP_PYTHON:-0}" = 1 ]; then
  say "Python peer skipped (SKIP_PYTHON=1)"
elif [ ! -x "$PY" ]; then
  say "Python peer skipped: $PY not found"
elif [ ! -d "$PEERS/python" ]; then
  say "Python peer skipped: $PEERS/python not found (set PEERS=.../shared/peers)"
else
  say "Python peer: bench_manager.py"
  (cd "$PEERS/python" && "$PY" env_info.py && "$PY" run_one.py bench_manager.py) >> "$OUT" \
    || say "bench_manager.py failed: Python figures missing from this run"
fi

# 2. Shared map: get and put per JVM, 1 and 2 JVMs, mp4j beside raw Chronicle Map, each map size
for keys in ${MAP_KEYS//,/ }; do
  say "Java: MapThroughput, $keys keys"
  "${MEASURED[@]}" "MapThroughput.$keys" "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.collections.MapThroughput \
    --runs "$RUNS" --keys "$keys" --warmup-ms "$MAP_WARMUP_MS" --measure-ms "$MAP_WINDOW_MS" \
    --dir "$RUN_DIR/map-$keys" >> "$OUT"
done

# 3. Durable queue: 1 producer JVM, 1 consumer JVM, 64 B, beside raw Chronicle Queue
say "Java: IpcQueueThroughput, durable queues beside raw Chronicle Queue, 1P1C, 64 B"
"${MEASURED[@]}" IpcQueueThroughput.durable "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.ipc.IpcQueueThroughput \
  --impls mp4j.DurableQueue.consumer,mp4j.DurableQueue.reader,chronicle.Queue --topologies 1P1C --sizes 64 \
  --runs "$RUNS" --warmup-ms "$QUEUE_WARMUP_MS" --measure-ms "$QUEUE_WINDOW_MS" --pin none \
  --dir "$RUN_DIR/queue" >> "$OUT"

leftover="$(find "$RUN_DIR" -mindepth 2 2>/dev/null | head -5 || true)"
if [ -n "$leftover" ]; then
  echo "!! left in $RUN_DIR (removed now): $leftover" >&2
fi
echo "{\"bench\": \"meta\", \"metric\": \"loadavg_after\", \"value\": $(cut -d' ' -f1 /proc/loadavg), \"unit\": \"\", \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >> "$OUT"

say "results: $OUT"
if [ -f "$PEERS/python/summarize.py" ]; then
  "$HELPER_PY" "$PEERS/python/summarize.py" "$OUT"
  echo
fi
tables "$OUT"
