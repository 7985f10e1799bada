#!/usr/bin/env bash
# Queue and Pipe figures of design.md section 6, every mp4j figure beside its peers, all from one run:
#   - Python peers: shared/peers/python/bench_pipe.py (Pipe round trip, one-way stream) and bench_queue.py
#     (Queue / SimpleQueue, 1 producer -> 1 consumer process)
#   - io.mp4j.bench.ipc.IpcPingPong: round trip between two JVMs, 8 B and 1 KiB, HdrHistogram percentiles, for
#     mp4j Pipe (default waiting, busy spin, 10 spins), raw Agrona one-to-one rings, Unix domain socket, TCP loopback; the
#     C cache-line floor (shared/peers/limits/pingpong.c) after every round; unpinned, then split over cpus 0 and 1
#     (8 B), then both on cpu 0 (8 B)
#   - io.mp4j.bench.ipc.IpcQueueThroughput: one-way throughput across JVMs, 1P1C / 2P1C / 1P2C, 8 B to 64 KiB, for
#     mp4j QueueRing (raw) and SharedQueue (Codecs.bytes()), raw Agrona, Chronicle Queue, ArrayBlockingQueue in one
#     JVM; the C ring floor (shared/peers/limits/spsc.c) after every round; producers pinned to cpu 0 and
#     consumers to cpu 1, then unpinned (1P1C)
#   - io.mp4j.bench.ipc.IpcQueueCost: one put + one take in a single thread (no cross-core traffic)
# All JSON lines go to benchmarks/results/<date>-ipc.jsonl, then the summarize.py table and the side-by-side tables
# (with the targets) are printed.
#
# Usage (build first; this script builds nothing but the two C programs):
#   mvn -B -q -DskipTests install            # or ./mvnw ...
#   benchmarks/run-ipc.sh                    # full run, about 35 minutes on 2 cores
#   benchmarks/run-ipc.sh --quick            # smoke run, about a minute and a half (1 run each, short windows)
#   benchmarks/run-ipc.sh --table FILE.jsonl # print the side-by-side tables of an earlier run
# Knobs (environment):
#   RUNS=3                 runs per figure (value = median), Java and Python
#   ROUND_TRIPS=1000000    timed round trips per ping-pong run (sockets: a fifth)
#   WARMUP_MS=2000 / QUEUE_WARMUP_MS=1500 / QUEUE_WINDOW_MS=1500
#   QUIET_WAIT_S=30        seconds to wait before each step for a 2 s window that is >= 85 % idle
#   RESULTS_DIR=benchmarks/results, PEERS=<repo>/../shared/peers, SKIP_PYTHON=1, SKIP_SPLIT=1 (no pinned
#   ping-pong), JAVA=java,
#   PY=/usr/bin/python3
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
for ln in open(sys.argv[1]):
    ln = ln.strip()
    if ln.startswith("{"):
        r = json.loads(ln)
        if r.get("bench") != "meta" and "id" in r:
            rows[r["id"]] = r

def val(i):
    r = rows.get(i)
    return None if r is None else r["value"]

def f(v, unit=""):
    if v is None:
        return "n/a"
    if abs(v) >= 100:
        return f"{v:,.0f}{unit}"
    if abs(v) >= 10:
        return f"{v:.1f}{unit}"
    return f"{v:.2f}{unit}"

def spread(i):
    r = rows.get(i)
    if r is None or len(r.get("runs", [])) < 2:
        return ""
    return f" ({f(r['min'])}-{f(r['max'])})"

# ---- ping-pong
pins = sorted({r["params"]["pin"] for r in rows.values() if r["bench"] == "ipc.pingpong"})
impls = []
for r in rows.values():
    if r["bench"] == "ipc.pingpong" and r["params"]["impl"] not in impls:
        impls.append(r["params"]["impl"])
sizes = sorted({r["params"]["msg_bytes"] for r in rows.values() if r["bench"] == "ipc.pingpong"})
for pin in pins:
    for size in sizes:
        print(f"\n### Round trip, {size} B, pin={pin} (ns; median of runs, min-max of the runs for p50)\n")
        print("| impl | p50 | p90 | p99 | p99.9 | max | p50 / C floor |")
        print("|---|---|---|---|---|---|---|")
        for impl in impls:
            base = f"ipc.pingpong[impl={impl},msg_bytes={size},pin={pin}]."
            if val(base + "rtt_p50_ns") is None:
                continue
            cells = [f(val(base + "rtt_p50_ns")) + spread(base + "rtt_p50_ns")]
            cells += [f(val(base + m)) for m in ("rtt_p90_ns", "rtt_p99_ns", "rtt_p99.9_ns", "rtt_max_ns")]
            cells.append(f(val(base + "rtt_p50_over_floor"), "x"))
            print(f"| {impl} | " + " | ".join(cells) + " |")
        variant = "duplex.send_bytes.8B" if size == 8 else "duplex.send_bytes.1KiB" if size == 1024 else None
        if variant:
            pp = "" if pin == "none" or size != 8 else f"pin={pin},"
            base = f"mp.Pipe.pingpong[{pp}variant={variant}]."
            if val(base + "rtt_p50_us") is not None:
                us = [val(base + m) for m in ("rtt_p50_us", "rtt_p99_us", "rtt_p99.9_us")]
                print(f"| Python Pipe send_bytes ({'pinned ' + pin if pp else 'unpinned'}) | {f(us[0] * 1e3)} | | "
                      f"{f(us[1] * 1e3)} | {f(us[2] * 1e3)} | | |")
        if size == 8:
            p50 = val(f"ipc.pingpong[impl=mp4j.Pipe,msg_bytes=8,pin={pin}].rtt_p50_ns")
            p99 = val(f"ipc.pingpong[impl=mp4j.Pipe,msg_bytes=8,pin={pin}].rtt_p99_ns")
            b50 = val(f"ipc.pingpong[impl=mp4j.Pipe.busyspin,msg_bytes=8,pin={pin}].rtt_p50_ns")
            b99 = val(f"ipc.pingpong[impl=mp4j.Pipe.busyspin,msg_bytes=8,pin={pin}].rtt_p99_ns")
            if p50 is not None:
                print(f"\ntarget p50 <= 250 ns: mp4j.Pipe {f(p50)} ns = {p50 / 250:.2f}x the target"
                      + (f"; busy spin {f(b50)} ns = {b50 / 250:.2f}x" if b50 is not None else ""))
                print(f"target p99 <= 1000 ns: mp4j.Pipe {f(p99)} ns = {p99 / 1000:.2f}x the target"
                      + (f"; busy spin {f(b99)} ns = {b99 / 1000:.2f}x" if b99 is not None else ""))

# ---- queue throughput
sections = []
qimpls = []
qsizes = set()
for r in rows.values():
    if r["bench"] == "ipc.queue":
        p = r["params"]
        if (p["pin"], p["topo"]) not in sections:
            sections.append((p["pin"], p["topo"]))
        if p["impl"] not in qimpls:
            qimpls.append(p["impl"])
        qsizes.add(p["msg_bytes"])
qsizes = sorted(qsizes)
for pin, topo in sections:
    where = "producers on cpu 0, consumers on cpu 1" if pin == "split" else "unpinned"
    print(f"\n### Queue one-way throughput, {topo}, {where}: M msg/s (MB/s); median of runs\n")
    print("| impl | " + " | ".join(f"{s} B" for s in qsizes) + " |")
    print("|---|" + "---|" * len(qsizes))
    for impl in qimpls:
        cells, seen = [], False
        for s in qsizes:
            base = f"ipc.queue[impl={impl},msg_bytes={s},pin={pin},topo={topo}]."
            m, mb = val(base + "msgs_per_s"), val(base + "payload_MB_per_s")
            if m is None:
                cells.append("")
                continue
            seen = True
            cells.append(f"{m / 1e6:.2f} ({f(mb)})")
        if seen:
            print(f"| {impl} | " + " | ".join(cells) + " |")
    if topo == "1P1C":
        py = {8: "int", 1024: "1KiB", 65536: "64KiB"}
        for kind in ("Queue", "SimpleQueue"):
            cells, seen = [], False
            for s in qsizes:
                lab = py.get(s)
                n = {"int": 200000, "1KiB": 100000, "64KiB": 10000}.get(lab)
                hit = None
                if lab:
                    for k, r in rows.items():
                        if k.startswith(f"mp.{kind}[msg={lab},") and k.endswith("].msgs_per_s"):
                            hit = r
                if hit is None:
                    cells.append("")
                    continue
                seen = True
                mb = val(hit["id"].replace(".msgs_per_s", ".payload_MB_per_s"))
                cells.append(f"{hit['value'] / 1e6:.3f} ({f(mb) if mb is not None else 'small int'})")
            if seen:
                print(f"| Python {kind} (8 B column: a small int) | " + " | ".join(cells) + " |")
    ratios = []
    for impl in qimpls:
        for s in qsizes:
            v = val(f"ipc.queue[impl={impl},msg_bytes={s},pin={pin},topo={topo}].over_agrona")
            if v is not None:
                ratios.append(f"{impl} {s} B {v:.2f}x")
    if ratios:
        print("\nover raw Agrona (run-by-run ratio, median): " + "; ".join(ratios))
    shares = []
    for impl in qimpls:
        for s in qsizes:
            c = val(f"ipc.queue[impl={impl},msg_bytes={s},pin={pin},topo={topo}].consumer_cpu_share")
            p = val(f"ipc.queue[impl={impl},msg_bytes={s},pin={pin},topo={topo}].producer_cpu_share")
            if c is not None and s in (64, 65536):
                shares.append(f"{impl} {s} B {c:.2f}/{p:.2f}" if p is not None else f"{impl} {s} B {c:.2f}")
    if shares:
        print("cpu share during the window, consumer/producer (1 = a whole core): " + "; ".join(shares))
    if topo == "1P1C":
        m64 = val(f"ipc.queue[impl=mp4j.QueueRing,msg_bytes=64,pin={pin},topo=1P1C].msgs_per_s")
        r64 = val(f"ipc.queue[impl=mp4j.QueueRing,msg_bytes=64,pin={pin},topo=1P1C].over_agrona")
        g64 = val(f"ipc.queue[impl=mp4j.QueueRing,msg_bytes=65536,pin={pin},topo=1P1C].payload_MB_per_s")
        o64 = val(f"ipc.queue[impl=mp4j.SharedQueue.bytes,msg_bytes=65536,pin={pin},topo=1P1C].payload_MB_per_s")
        if m64 is not None:
            print(f"target 64 B >= 20 M msg/s: mp4j.QueueRing {m64 / 1e6:.1f} M = {m64 / 20e6:.2f}x the target")
        if r64 is not None:
            print(f"target 64 B >= 0.7x raw Agrona: {r64:.2f}x = {r64 / 0.7:.2f}x the target")
        if g64 is not None:
            print(f"target 64 KiB >= 5 GB/s: mp4j.QueueRing {g64 / 1e3:.1f} GB/s = {g64 / 5e3:.2f}x the target"
                  + (f"; SharedQueue.bytes {o64 / 1e3:.1f} GB/s = {o64 / 5e3:.2f}x" if o64 is not None else ""))

# ---- single-thread cost
cost = [r for r in rows.values() if r["bench"] == "ipc.queue.one_thread"]
if cost:
    cimpls = []
    for r in cost:
        if r["params"]["impl"] not in cimpls:
            cimpls.append(r["params"]["impl"])
    csizes = sorted({r["params"]["msg_bytes"] for r in cost})
    print("\n### One put + one take in one thread (ns per message; median of runs)\n")
    print("| impl | " + " | ".join(f"{s} B" for s in csizes) + " |")
    print("|---|" + "---|" * len(csizes))
    for impl in cimpls:
        print(f"| {impl} | " + " | ".join(
            f(val(f"ipc.queue.one_thread[impl={impl},msg_bytes={s}].ns_per_msg")) for s in csizes) + " |")
PYEOF
}

if [ "${1:-}" = "--table" ]; then
  tables "${2:?usage: run-ipc.sh --table FILE.jsonl}"
  exit 0
fi

QUICK=0
if [ "${1:-}" = "--quick" ]; then
  QUICK=1
elif [ -n "${1:-}" ]; then
  echo "usage: run-ipc.sh [--quick | --table FILE.jsonl]" >&2
  exit 2
fi

if [ "$QUICK" = 1 ]; then
  RUNS="${RUNS:-1}"
  ROUND_TRIPS="${ROUND_TRIPS:-200000}"
  WARMUP_MS="${WARMUP_MS:-300}"
  QUEUE_WARMUP_MS="${QUEUE_WARMUP_MS:-300}"
  QUEUE_WINDOW_MS="${QUEUE_WINDOW_MS:-300}"
  export QUIET_WAIT_S="${QUIET_WAIT_S:-0}"
  PING_ARGS=(--sizes 8 --warmup-round-trips 50000)
  QUEUE_ARGS=(--topologies 1P1C,2P1C --sizes 64,65536 --spsc-messages 20000000)
  COST_ARGS=(--sizes 64 --warmup-ms 300 --measure-ms 200)
  SKIP_SPLIT=1
  export BENCH_QUICK=1
  SUFFIX="ipc-quick"
else
  RUNS="${RUNS:-3}"
  ROUND_TRIPS="${ROUND_TRIPS:-1000000}"
  WARMUP_MS="${WARMUP_MS:-2000}"
  QUEUE_WARMUP_MS="${QUEUE_WARMUP_MS:-1500}"
  QUEUE_WINDOW_MS="${QUEUE_WINDOW_MS:-1500}"
  export QUIET_WAIT_S="${QUIET_WAIT_S:-30}"
  PING_ARGS=()
  QUEUE_ARGS=()
  COST_ARGS=()
  SUFFIX="ipc"
fi
export BENCH_REPEATS="$RUNS"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS="${RESULTS_DIR:-$HERE/results}"
OUT="$RESULTS/$STAMP-$SUFFIX.jsonl"

say() { echo "== $*" >&2; }

if [ ! -f "$JAR" ]; then
  echo "missing $JAR: build first with mvn -B -q -DskipTests install" >&2
  exit 2
fi
if [ -z "$HELPER_PY" ]; then
  echo "no python3: needed for the peers, the summaries and the helper scripts" >&2
  exit 2
fi
# Everything shared lives in one 0700 directory under /dev/shm, removed on exit whatever happens.
RUN_DIR="$(mktemp -d /dev/shm/mp4j-bench-ipc-XXXXXX)"
BIN_DIR="$(mktemp -d)"
trap 'rm -rf "$RUN_DIR" "$BIN_DIR"' EXIT
mkdir -p "$RESULTS"
# A private copy of the jar: a rebuild during the run does not change what the child JVMs load.
cp "$JAR" "$BIN_DIR/benchmarks.jar"
JAR="$BIN_DIR/benchmarks.jar"
FLAGS="$("$JAVA" -cp "$JAR" io.mp4j.bench.PrintJvmFlags)"
MEASURED=("$HELPER_PY" "$HERE/scripts/measured.py")
if [ ! -f "$HERE/scripts/measured.py" ]; then
  MEASURED=(env)
fi

say "environment"
JAVA_VERSION_TEXT="$("$JAVA" -version 2>&1 | tr '\n' ' ')"
JAVA_VERSION="$(printf '%s' "$JAVA_VERSION_TEXT" | sed 's/"/\\"/g')"
CPU_MODEL="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
MEM_KB="$(awk '/MemTotal/ {print $2}' /proc/meminfo)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
printf '{"bench": "meta", "metric": "environment", "value": 0, "unit": "", "side": "java", "utc": "%s", "nproc": %s, "cpu_model": "%s", "mem_kb": %s, "kernel": "%s", "java_version": "%s", "jvm_flags": "%s", "commit": "%s", "runs": %s, "loadavg_before": "%s", "command": "%s"}\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$CPU_MODEL" "$MEM_KB" "$(uname -r)" "$JAVA_VERSION" "$FLAGS" \
  "$COMMIT" "$RUNS" "$LOAD" "RUNS=$RUNS ROUND_TRIPS=$ROUND_TRIPS WARMUP_MS=$WARMUP_MS QUEUE_WARMUP_MS=$QUEUE_WARMUP_MS QUEUE_WINDOW_MS=$QUEUE_WINDOW_MS benchmarks/run-ipc.sh${1:+ $1}" > "$OUT"
echo "   $(nproc) cpus, $CPU_MODEL, $((MEM_KB / 1024)) MiB; $JAVA_VERSION_TEXT; commit $COMMIT; load $LOAD" >&2

# C floors
PINGPONG=()
SPSC=()
if command -v gcc >/dev/null && [ -f "$PEERS/limits/pingpong.c" ]; then
  gcc -O2 -o "$BIN_DIR/pingpong" "$PEERS/limits/pingpong.c" -lrt
  gcc -O2 -o "$BIN_DIR/spsc" "$PEERS/limits/spsc.c" -lrt
  PINGPONG=(--floor "$BIN_DIR/pingpong")
  SPSC=(--spsc "$BIN_DIR/spsc")
else
  say "C floors skipped: no gcc or no $PEERS/limits"
fi

# 1. Python peers
if [ "${SKIP_PYTHON:-0}" = 1 ]; then
  say "Python peers skipped (SKIP_PYTHON=1)"
elif [ ! -x "$PY" ] || [ ! -d "$PEERS/python" ]; then
  say "Python peers skipped: $PY or $PEERS/python not found"
else
  for script in bench_pipe.py bench_queue.py; do
    say "Python peer: $script"
    (cd "$PEERS/python" && "$PY" run_one.py "$script") >> "$OUT" \
      || say "$script failed: its figures are missing from this run"
  done
fi

# 2. Round trips between two JVMs, unpinned, then split over cpus 0 and 1 as pingpong.c
say "Java: IpcPingPong, unpinned (C floor after each round)"
"${MEASURED[@]}" IpcPingPong.none "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.ipc.IpcPingPong \
  --runs "$RUNS" --round-trips "$ROUND_TRIPS" --warmup-ms "$WARMUP_MS" --pin none --dir "$RUN_DIR" \
  ${PING_ARGS[@]+"${PING_ARGS[@]}"} ${PINGPONG[@]+"${PINGPONG[@]}"} >> "$OUT"
if [ "${SKIP_SPLIT:-0}" != 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  say "Java: IpcPingPong, split over cpus 0 and 1"
  "${MEASURED[@]}" IpcPingPong.split taskset -c 0 "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.ipc.IpcPingPong \
    --runs "$RUNS" --round-trips "$ROUND_TRIPS" --warmup-ms "$WARMUP_MS" --pin split --dir "$RUN_DIR" \
    --sizes 8 ${PING_ARGS[@]+"${PING_ARGS[@]}"} ${PINGPONG[@]+"${PINGPONG[@]}"} >> "$OUT"
  # Both JVMs on cpu 0, as when more processes spin than there are cores: busy-spinning links then lose a
  # scheduler slice per round trip, so each phase is capped at 3 s.
  say "Java: IpcPingPong, both JVMs on cpu 0"
  "${MEASURED[@]}" IpcPingPong.same taskset -c 0 "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.ipc.IpcPingPong \
    --runs "$RUNS" --round-trips "$ROUND_TRIPS" --warmup-ms 500 --max-ms 3000 --pin same --dir "$RUN_DIR" \
    --sizes 8 ${PING_ARGS[@]+"${PING_ARGS[@]}"} >> "$OUT"
fi

# 3. Queue throughput across JVMs: producers on cpu 0 and consumers on cpu 1 (as spsc.c), every topology; then
# unpinned, 1P1C only (the scheduler places the JVMs)
if [ "${SKIP_SPLIT:-0}" != 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  say "Java: IpcQueueThroughput, producers on cpu 0, consumers on cpu 1 (C spsc floor after each round)"
  "${MEASURED[@]}" IpcQueueThroughput.split "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.ipc.IpcQueueThroughput \
    --runs "$RUNS" --warmup-ms "$QUEUE_WARMUP_MS" --measure-ms "$QUEUE_WINDOW_MS" --pin split --dir "$RUN_DIR" \
    ${QUEUE_ARGS[@]+"${QUEUE_ARGS[@]}"} ${SPSC[@]+"${SPSC[@]}"} >> "$OUT"
  UNPINNED_TOPOLOGIES=(--topologies 1P1C)
else
  UNPINNED_TOPOLOGIES=()
fi
say "Java: IpcQueueThroughput, unpinned (C spsc floor after each round)"
"${MEASURED[@]}" IpcQueueThroughput.none "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.ipc.IpcQueueThroughput \
  --runs "$RUNS" --warmup-ms "$QUEUE_WARMUP_MS" --measure-ms "$QUEUE_WINDOW_MS" --pin none --dir "$RUN_DIR" \
  ${QUEUE_ARGS[@]+"${QUEUE_ARGS[@]}"} ${UNPINNED_TOPOLOGIES[@]+"${UNPINNED_TOPOLOGIES[@]}"} \
  ${SPSC[@]+"${SPSC[@]}"} >> "$OUT"

# 4. One thread: the cost of a put and a take without cross-core traffic
say "Java: IpcQueueCost"
"${MEASURED[@]}" IpcQueueCost "$JAVA" $FLAGS -cp "$JAR" io.mp4j.bench.ipc.IpcQueueCost \
  --runs "$(( RUNS > 3 ? RUNS : 3 ))" --dir "$RUN_DIR" ${COST_ARGS[@]+"${COST_ARGS[@]}"} >> "$OUT"

leftover="$(find "$RUN_DIR" -mindepth 1 2>/dev/null | head -5 || true)"
if [ -n "$leftover" ]; then
  echo "!! left in $RUN_DIR (removed now): $leftover" >&2
fi
if pgrep -f 'io.mp4j.bench.ipc.(PingPongEcho|QueueParticipant)' >/dev/null; then
  echo "!! benchmark child JVMs still running: $(pgrep -f 'io.mp4j.bench.ipc.(PingPongEcho|QueueParticipant)' | tr '\n' ' ')" >&2
fi
echo "{\"bench\": \"meta\", \"metric\": \"loadavg_after\", \"value\": $(cut -d' ' -f1 /proc/loadavg), \"unit\": \"\", \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >> "$OUT"

say "results: $OUT"
if [ -f "$PEERS/python/summarize.py" ]; then
  "$HELPER_PY" "$PEERS/python/summarize.py" "$OUT"
  echo
fi
tables "$OUT"
