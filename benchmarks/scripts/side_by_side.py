#!/usr/bin/env python3
"""Headline table of a counters run: each mp4j figure beside its peer from the same file, with the ratio.

    side_by_side.py RESULTS.jsonl

Rates: ratio = mp4j / peer (higher is better; design.md target for the contended counter: >= 0.8 x raw
Agrona).  Latencies: ratio = mp4j / peer (lower is better).  Figures are medians over the runs; the range
in brackets is min..max over the runs."""
import json
import sys


def key(bench, metric, **params):
    p = ",".join(f"{k}={params[k]}" for k in sorted(params))
    return f"{bench}[{p}].{metric}" if params else f"{bench}.{metric}"


def fmt(v):
    if v is None:
        return "-"
    if abs(v) >= 1e6:
        return f"{v / 1e6:,.1f} M"
    if abs(v) >= 1e4:
        return f"{v / 1e3:,.0f} k"
    return f"{v:,.0f}" if abs(v) >= 10 else f"{v:.3g}"


def paired_ratio(rows, mk, pk):
    """Median of run-by-run ratios over the runs in which both kinds overlapped >= 90% (runs of the two
    kinds are interleaved, so run i of each was taken at about the same time)."""
    m, p = rows.get(mk), rows.get(pk)
    mo = rows.get(mk.replace(".increments_per_s", ".overlap_pct"))
    po = rows.get(pk.replace(".increments_per_s", ".overlap_pct"))
    if not (m and p and mo and po):
        return None
    ratios = sorted(a / b for a, b, x, y in zip(m["runs"], p["runs"], mo["runs"], po["runs"]) if x >= 90 and y >= 90)
    if not ratios:
        return "no pair"
    k = len(ratios)
    med = ratios[k // 2] if k % 2 else (ratios[k // 2 - 1] + ratios[k // 2]) / 2
    return f"{med:.2f} (median of {k}: " + ", ".join(f"{r:.2f}" for r in ratios) + ")"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rows = {}
    for ln in open(sys.argv[1]):
        ln = ln.strip()
        if ln.startswith("{"):
            r = json.loads(ln)
            if "id" in r:
                rows[r["id"]] = r

    def fig(k):
        r = rows.get(k)
        if r is None:
            return None, "-"
        rng = f" [{fmt(r['min'])}..{fmt(r['max'])}]" if "min" in r and r.get("runs") and len(r["runs"]) > 1 else ""
        return r["value"], fmt(r["value"]) + rng

    def lost(k):
        r = rows.get(k)
        if r is None:
            return "-"
        text = "exact in all runs" if r.get("max", r["value"]) == 0 else f"lost {r['runs']}"
        o = rows.get(k.replace(".lost_updates", ".overlap_pct"))
        if o is not None:
            text += f", overlap {o['value']:.0f}% (min {o['min']:.0f}%)"
        return text

    sc = "mp4j.shared_counter"
    out = ["| measure | mp4j | peer | peer figure | mp4j / peer | total |", "|---|---|---|---|---|---|"]

    def line(measure, mk, peer, pk, unit, total=""):
        mv, ms = fig(mk)
        pv, ps = fig(pk)
        ratio = f"{mv / pv:.2f}" if mv is not None and pv else "-"
        out.append(f"| {measure} ({unit}) | {ms} | {peer} | {ps} | {ratio} | {total} |")

    ns = sorted({r["params"]["n_each"] for r in rows.values()
                 if r.get("bench") == sc and "n_each" in r.get("params", {})}, reverse=True)
    for n in ns:
        ck = key(sc, "contended_increments_per_s", kind="SharedLong.getAndAdd", procs=2, n_each=n)
        for kind, peer, extra in (("Agrona.getAndAddLong", "raw Agrona getAndAddLong, 2 JVMs", {"procs": 2}),
                                  ("AtomicLong.getAndAdd", "AtomicLong, 1 JVM x 2 threads",
                                   {"procs": 1, "threads": 2})):
            pk = key(sc, "contended_increments_per_s", kind=kind, n_each=n, **extra)
            kept = "runs kept (overlap >= 90%): mp4j " + str(rows.get(ck, {}).get("info", {}).get("runs_kept", 0)) + \
                ", peer " + str(rows.get(pk, {}).get("info", {}).get("runs_kept", 0))
            line(f"2 JVMs contended, overlapped runs only, n_each={n:,}", ck, peer, pk, "inc/s", kept)
        mk = key(sc, "increments_per_s", kind="SharedLong.getAndAdd", procs=2, n_each=n)
        paired = paired_ratio(rows, mk, key(sc, "increments_per_s", kind="Agrona.getAndAddLong", procs=2, n_each=n))
        if paired:
            out.append(f"| 2 JVMs contended, paired runs (run i of mp4j / run i of Agrona, both overlapped >= 90%), "
                       f"n_each={n:,} | | raw Agrona getAndAddLong, 2 JVMs | | {paired} | |")
        total = "mp4j " + lost(key(sc, "lost_updates", kind="SharedLong.getAndAdd", procs=2, n_each=n)) + \
            "; Agrona " + lost(key(sc, "lost_updates", kind="Agrona.getAndAddLong", procs=2, n_each=n))
        line(f"2 JVMs, all runs, n_each={n:,}", mk, "raw Agrona getAndAddLong, 2 JVMs",
             key(sc, "increments_per_s", kind="Agrona.getAndAddLong", procs=2, n_each=n), "inc/s", total)
        line(f"2 JVMs, all runs, n_each={n:,}", mk, "AtomicLong, 1 JVM x 2 threads",
             key(sc, "increments_per_s", kind="AtomicLong.getAndAdd", procs=1, threads=2, n_each=n), "inc/s",
             "AtomicLong " + lost(key(sc, "lost_updates", kind="AtomicLong.getAndAdd", procs=1, threads=2,
                                      n_each=n)))
        for kind in ("Value.locked", "RawValue+Lock"):
            pk = key("mp.shared_counter", "increments_per_s", kind=kind, procs=2, n_each=n)
            if pk in rows:
                line(f"2 JVMs, all runs, n_each={n:,}", mk, f"Python {kind}, 2 processes", pk, "inc/s",
                     "Python " + lost(key("mp.shared_counter", "lost_updates", kind=kind, procs=2, n_each=n)))
        lk = key(sc, "increments_per_s", kind="SharedLock+plain", procs=2, n_each=n)
        if lk in rows:
            lock_total = "mp4j " + lost(key(sc, "lost_updates", kind="SharedLock+plain", procs=2, n_each=n))
            line(f"lock: plain increment under a lock, 2 JVMs, all runs, n_each={n:,}", lk,
                 "Python RawValue+Lock, 2 processes",
                 key("mp.shared_counter", "increments_per_s", kind="RawValue+Lock", procs=2, n_each=n), "inc/s",
                 lock_total)
            line(f"lock: plain increment under a lock, 2 JVMs, all runs, n_each={n:,}", lk,
                 "ReentrantLock, 1 JVM x 2 threads",
                 key(sc, "increments_per_s", kind="ReentrantLock+plain", procs=1, threads=2, n_each=n), "inc/s",
                 "ReentrantLock " + lost(key(sc, "lost_updates", kind="ReentrantLock+plain", procs=1, threads=2,
                                             n_each=n)))
    jl = "mp4j.jmh.lock"
    for t in (1, 2):
        mk = key(jl, "ops_per_s", kind="SharedLock.acquire+release", threads=t)
        if mk in rows:
            line(f"lock: JMH, 1 JVM, {t} thread(s), acquire + increment + release", mk, "ReentrantLock",
                 key(jl, "ops_per_s", kind="ReentrantLock.lock+unlock", threads=t), "ops/s")
            line(f"lock: JMH, 1 JVM, {t} thread(s), acquire + increment + release", mk, "synchronized",
                 key(jl, "ops_per_s", kind="synchronized", threads=t), "ops/s")
    py_lock = rows.get("mp.Lock[n=1000000].uncontended_acq_rel_ns")
    mk = rows.get(key(jl, "ops_per_s", kind="SharedLock.acquire+release", threads=1))
    if py_lock and mk:
        out.append(f"| lock: uncontended acquire + release (ns) | {1e9 / mk['value']:.1f} | Python multiprocessing.Lock "
                   f"| {py_lock['value']:.1f} | {1e9 / mk['value'] / py_lock['value']:.2f} | |")
    jm = "mp4j.jmh.counter"
    for t in (1, 2):
        mk = key(jm, "ops_per_s", kind="SharedLong.getAndAdd", threads=t)
        line(f"JMH, 1 JVM, {t} thread(s)", mk, "raw Agrona getAndAddLong",
             key(jm, "ops_per_s", kind="Agrona.getAndAddLong", threads=t), "ops/s")
        line(f"JMH, 1 JVM, {t} thread(s)", mk, "AtomicLong",
             key(jm, "ops_per_s", kind="AtomicLong.getAndAdd", threads=t), "ops/s")
    for pin in ("none", "split"):
        for m in ("rtt_p50_ns", "rtt_p99_ns", "rtt_p99.9_ns", "rtt_min_ns"):
            line(f"ping-pong 8 B, 2 JVMs, pin={pin}, {m}", key("mp4j.pingpong", m, variant="SharedLong.8B", pin=pin),
                 "C cache-line floor, pin=split, run after each run",
                 key("limits.cacheline_pingpong", m, variant="C.8B", pin="split", beside=f"pin={pin}"), "ns")
        r = rows.get(key("mp4j.pingpong", "rtt_p50_over_floor", variant="SharedLong.8B", pin=pin))
        if r:
            out.append(f"| ping-pong 8 B, 2 JVMs, pin={pin}, p50 / floor p50 run by run | | C floor | | "
                       f"{r['value']:.2f} (runs: " + ", ".join(f"{x:.2f}" for x in r["runs"]) + ") | |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
