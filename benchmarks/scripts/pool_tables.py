#!/usr/bin/env python3
"""Headline tables of a pool run (benchmarks/run-pool.sh): each mp4j figure beside its peers from the same file,
with the ratio and the design.md section 6 target.

    pool_tables.py RESULTS.jsonl

Every value is the median over the runs of the file (Java: --runs / --start-runs; Python: BENCH_REPEATS).
Ratios are written so that > 1 means mp4j is better (peer time / mp4j time, mp4j rate / peer rate)."""
import json
import sys


def load(path):
    rows, noise = {}, []
    for ln in open(path):
        ln = ln.strip()
        if not ln.startswith("{"):
            continue
        r = json.loads(ln)
        if r.get("bench") == "meta":
            if r.get("metric") == "foreign_cpu_pct":
                noise.append(f"{r.get('script', '?')}={r['value']}%")
            continue
        if "id" in r:
            rows[r["id"]] = r
    return rows, noise


def key(bench, metric, **params):
    p = ",".join(f"{k}={params[k]}" for k in sorted(params))
    return f"{bench}[{p}].{metric}" if params else f"{bench}.{metric}"


def fmt(v):
    if v is None:
        return "n/a"
    if isinstance(v, str):
        return v
    a = abs(v)
    if a >= 1e6:
        return f"{v / 1e6:,.2f} M"
    if a >= 1e4:
        return f"{v / 1e3:,.0f} k"
    if a >= 100:
        return f"{v:,.0f}"
    if a >= 10:
        return f"{v:.1f}"
    if a >= 1:
        return f"{v:.2f}"
    return f"{v:.3g}"


class Rows:
    def __init__(self, rows):
        self.rows = rows

    def get(self, bench, metric, **params):
        r = self.rows.get(key(bench, metric, **params))
        return None if r is None else r["value"]

    def rng(self, bench, metric, **params):
        r = self.rows.get(key(bench, metric, **params))
        if r is None:
            return "n/a"
        if "min" in r and "max" in r and len(r.get("runs", [])) > 1:
            return f"{fmt(r['value'])} [{fmt(r['min'])}..{fmt(r['max'])}]"
        return fmt(r["value"])

    def pick(self, bench, metric, exclude=("pin", "gap_us"), **must):
        """The first row of bench/metric whose params hold `must` and none of `exclude` (any n)."""
        for r in self.rows.values():
            if r.get("bench") != bench or r.get("metric") != metric:
                continue
            p = r.get("params", {})
            if any(str(p.get(k)) != str(v) for k, v in must.items()):
                continue
            if any(k in p and k not in must for k in exclude):
                continue
            return r
        return None


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "n/a"
    return f"{a / b:.2f}"


def verdict(ok):
    return "n/a" if ok is None else ("**met**" if ok else "**missed**")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    raw, noise = load(sys.argv[1])
    R = Rows(raw)
    if noise:
        print("Other tenants' CPU while each step ran: " + ", ".join(noise))

    # 1. start-up
    print("\n### Pool start, 2 workers (ms; median [min..max] over runs)\n")
    print("| pool | ctor | first result | all workers ready | close | then apply, same fn (us) | then apply, new fn (us) |")
    print("|---|---|---|---|---|---|---|")
    B = "mp4j.ProcessPool"
    for start, label in (("cold", "mp4j cold, no archive"), ("cold.archive", "mp4j cold, start-up archive"),
                         ("cold.archive.first", "mp4j cold, archive's first use"), ("warm", "mp4j warm (reused workers)"),
                         ("cold.first_in_jvm", "mp4j cold, first pool of the JVM")):
        p = dict(start=start, workers=2)
        print(f"| {label} | {R.rng(B, 'ctor_ms', **p)} | {R.rng(B, 'first_result_ms', **p)} | "
              f"{R.rng(B, 'all_workers_ready_ms', **p)} | {R.rng(B, 'close_ms', **p)} | "
              f"{R.rng(B, 'next_apply_same_function_us', **p)} | {R.rng(B, 'next_apply_new_function_us', **p)} |")
    for start in ("fork", "spawn", "forkserver"):
        p = dict(start=start, workers=2)
        if R.get("mp.Pool", "first_result_ms", **p) is None:
            continue
        print(f"| Python Pool({start}) | {R.rng('mp.Pool', 'ctor_ms', **p)} | {R.rng('mp.Pool', 'first_result_ms', **p)} | "
              f"{R.rng('mp.Pool', 'all_workers_ready_ms', **p)} | {R.rng('mp.Pool', 'close_join_ms', **p)} | | |")
    for start in ("fork", "spawn"):
        p = dict(start=start, workers=2)
        b = "cf.ProcessPoolExecutor"
        if R.get(b, "first_result_ms", **p) is None:
            continue
        print(f"| Python ProcessPoolExecutor({start}) | {R.rng(b, 'ctor_ms', **p)} | {R.rng(b, 'first_result_ms', **p)} | "
              f"{R.rng(b, 'all_workers_ready_ms', **p)} | {R.rng(b, 'shutdown_ms', **p)} | | |")
    jp = dict(backend="loky", n_jobs=2)
    print(f"| joblib loky, first call (2 tasks) | | {R.rng('joblib.Parallel.startup', 'first_call_2_tasks_ms', **jp)} | | | | |")
    print(f"| joblib loky, next call (2 tasks) | | {R.rng('joblib.Parallel.startup', 'next_call_2_tasks_ms', **jp)} | | | | |")
    print(f"| bare JVM: `java Noop`, start to exit | | {R.rng('jvm.start', 'run_ms', cmd='java Noop')} | | | | |")

    cold = R.get(B, "first_result_ms", start="cold", workers=2)
    cold_a = R.get(B, "first_result_ms", start="cold.archive", workers=2)
    warm = R.get(B, "first_result_ms", start="warm", workers=2)
    spawn = R.get("mp.Pool", "first_result_ms", start="spawn", workers=2)
    fork = R.get("mp.Pool", "first_result_ms", start="fork", workers=2)
    loky_next = R.get("joblib.Parallel.startup", "next_call_2_tasks_ms", **jp)
    best_cold = min(v for v in (cold, cold_a) if v is not None) if (cold or cold_a) else None
    print()
    print(f"- cold, first result: no archive {fmt(cold)} ms, with archive {fmt(cold_a)} ms; Python spawn {fmt(spawn)} ms, "
          f"fork {fmt(fork)} ms. Python spawn / mp4j cold: {ratio(spawn, cold)} (no archive), {ratio(spawn, cold_a)} "
          f"(archive). Target <= Python spawn of this run and <= 60 ms: "
          f"{verdict(None if best_cold is None else best_cold <= 60 and (spawn is None or best_cold <= spawn))}")
    print(f"- warm, first result: {fmt(warm)} ms; joblib loky next call {fmt(loky_next)} ms (ratio {ratio(loky_next, warm)}). "
          f"Target <= 1 ms: {verdict(None if warm is None else warm <= 1)}")

    # 2. apply
    print("\n### apply round trip, one call at a time (us)\n")
    print("| impl | pin | p50 | p90 | p99 | p99.9 | mean (loop) |")
    print("|---|---|---|---|---|---|---|")
    apply_rows = []
    for bench, loop in (("mp4j.ProcessPool.apply", "mp4j.ProcessPool.apply_loop"),
                        ("mp4j.ThreadPool.apply", "mp4j.ThreadPool.apply_loop"),
                        ("jdk.ExecutorService.submit_get", "jdk.ExecutorService.submit_result_loop")):
        for pin in (None, "all_on_cpu0"):
            must = {} if pin is None else {"pin": pin}
            r50 = R.pick(bench, "rtt_p50_us", **must)
            if r50 is None:
                continue
            p = r50["params"]
            cells = [R.rng(bench, m, **p) for m in ("rtt_p50_us", "rtt_p90_us", "rtt_p99_us", "rtt_p99.9_us")]
            print(f"| {bench} (n={p['n']}) | {pin or 'none'} | " + " | ".join(cells) + f" | {R.rng(loop, 'us_per_task', **p)} |")
            apply_rows.append((bench, pin, R.get(bench, "rtt_p50_us", **p), R.get(loop, "us_per_task", **p)))
            for g in (r for r in raw.values() if r.get("bench") == bench and r.get("metric") == "rtt_p50_us"
                      and "gap_us" in r.get("params", {}) and r["params"].get("pin") == pin):
                gp = g["params"]
                cells = [R.rng(bench, m, **gp) for m in ("rtt_p50_us", "rtt_p90_us", "rtt_p99_us")]
                print(f"| {bench}, each call after a {gp['gap_us']} us pause (n={gp['n']}) | {pin or 'none'} | "
                      + " | ".join(cells) + " | | |")
    for bench, label, must in (("mp.Pool.apply_loop", "Python Pool.apply loop (fork)", {"start": "fork"}),
                               ("mp.Pool.apply_loop", "Python Pool.apply loop (spawn)", {"start": "spawn"}),
                               ("mp.Pool.apply_loop", "Python Pool.apply loop (fork)", {"start": "fork", "pin": "all_on_cpu0"}),
                               ("cf.ProcessPoolExecutor.submit_result_loop", "Python PPE submit().result() (fork)", {"start": "fork"}),
                               ("cf.ThreadPoolExecutor.submit_result_loop", "Python ThreadPoolExecutor submit().result()", {"start": "thread"})):
        r = R.pick(bench, "us_per_task", **must)
        if r is not None:
            print(f"| {label} (n={r['params'].get('n')}) | {must.get('pin', 'none')} | | | | | {R.rng(bench, 'us_per_task', **r['params'])} |")
    mp4j = next((x for x in apply_rows if x[0] == "mp4j.ProcessPool.apply" and x[1] is None), None)
    py = R.pick("mp.Pool.apply_loop", "us_per_task", start="fork")
    ex = next((x for x in apply_rows if x[0] == "jdk.ExecutorService.submit_get" and x[1] is None), None)
    if mp4j:
        print()
        print(f"- mp4j ProcessPool.apply: p50 {fmt(mp4j[2])} us, mean {fmt(mp4j[3])} us. Python Pool.apply loop (mean) / mp4j mean: "
              f"{ratio(py and py['value'], mp4j[3])}; ExecutorService p50 / mp4j p50: {ratio(ex and ex[2], mp4j[2])}. "
              f"Target <= 10 us: p50 {verdict(mp4j[2] <= 10)}, mean {verdict(mp4j[3] <= 10)}")

    # 3. async throughput
    print("\n### Many tasks in flight: submit all, then gather (us per task; tasks/s)\n")
    print("| impl | n | us/task | tasks/s |")
    print("|---|---|---|---|")
    for bench in ("mp4j.ProcessPool.apply_async", "mp4j.ProcessPool.submit_all_gather", "mp4j.ThreadPool.apply_async",
                  "jdk.ExecutorService.submit_all_gather"):
        for r in sorted((r for r in raw.values() if r.get("bench") == bench and r.get("metric") == "us_per_task"),
                        key=lambda r: r["params"]["n"]):
            p = r["params"]
            print(f"| {bench} | {p['n']:,} | {R.rng(bench, 'us_per_task', **p)} | {fmt(R.get(bench, 'tasks_per_s', **p))} |")
    for bench, must, label in (("mp.Pool.apply_async", {"start": "fork"}, "Python Pool.apply_async (fork)"),
                               ("cf.ProcessPoolExecutor.submit_all_gather", {"start": "fork"}, "Python PPE submit, gather (fork)")):
        for r in sorted((r for r in raw.values() if r.get("bench") == bench and r.get("metric") == "us_per_task"
                         and all(r["params"].get(k) == v for k, v in must.items())), key=lambda r: r["params"]["n"]):
            print(f"| {label} | {r['params']['n']:,} | {R.rng(bench, 'us_per_task', **r['params'])} | {fmt(1e6 / r['value'])} |")
    m = R.get("mp4j.ProcessPool.apply_async", "us_per_task", n=10000)
    pa = R.get("mp.Pool.apply_async", "us_per_task", n=10000, start="fork")
    pe = R.get("cf.ProcessPoolExecutor.submit_all_gather", "us_per_task", n=10000, start="fork")
    print()
    print(f"- n = 10,000: mp4j applyAsync / Python apply_async throughput: {ratio(pa, m)}; / ProcessPoolExecutor.submit: {ratio(pe, m)}")

    # 4. map
    print("\n### map, time per trivial task (cube on an int; us)\n")
    sizes = sorted({r["params"]["n"] for r in raw.values() if r.get("bench") == "mp4j.ProcessPool.map"})
    cols = [("mp4j ProcessPool, auto chunks", "mp4j.ProcessPool.map", {"chunksize": "default"}),
            ("mp4j ProcessPool, chunk 1", "mp4j.ProcessPool.map", {"chunksize": "1"}),
            ("mp4j ThreadPool, auto", "mp4j.ThreadPool.map", {"chunksize": "default"}),
            ("ForkJoinPool parallel stream", "jdk.ForkJoinPool.parallel_stream", {"chunksize": "auto"}),
            ("ForkJoinPool invokeAll (chunk 1)", "jdk.ForkJoinPool.invokeAll", {"chunksize": "1"}),
            ("serial (1 thread)", "jdk.serial.map", {}),
            ("Python Pool.map default (fork)", "mp.Pool.map", {"chunksize": "default", "start": "fork"}),
            ("Python Pool.map chunk 1 (fork)", "mp.Pool.map", {"chunksize": 1, "start": "fork"}),
            ("joblib loky, batch auto", "joblib.Parallel", {"backend": "loky", "batch_size": "auto", "n_jobs": 2}),
            ("joblib loky, batch 1", "joblib.Parallel", {"backend": "loky", "batch_size": 1, "n_jobs": 2}),
            ("Python PPE.map chunk 1 (fork)", "cf.ProcessPoolExecutor.map", {"chunksize": "1(default)", "start": "fork"}),
            ("Python serial map", "serial.map", {})]
    print("| impl | " + " | ".join(f"n = {n:,}" for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for label, bench, p in cols:
        cells = [R.rng(bench, "us_per_task", n=n, **p) for n in sizes]
        if all(c == "n/a" for c in cells):
            continue
        print(f"| {label} | " + " | ".join(cells) + " |")
    print()
    for n in sizes:
        m = R.get("mp4j.ProcessPool.map", "us_per_task", n=n, chunksize="default")
        m1 = R.get("mp4j.ProcessPool.map", "us_per_task", n=n, chunksize="1")
        py = R.get("mp.Pool.map", "us_per_task", n=n, chunksize="default", start="fork")
        py1 = R.get("mp.Pool.map", "us_per_task", n=n, chunksize=1, start="fork")
        jl = R.get("joblib.Parallel", "us_per_task", n=n, backend="loky", batch_size="auto", n_jobs=2)
        fj = R.get("jdk.ForkJoinPool.parallel_stream", "us_per_task", n=n, chunksize="auto")
        print(f"- n = {n:,}: auto chunks {fmt(m)} us (target <= 0.05: {verdict(None if m is None else m <= 0.05)}); "
              f"Python Pool.map / mp4j {ratio(py, m)}, joblib / mp4j {ratio(jl, m)}, ForkJoinPool / mp4j {ratio(fj, m)}; "
              f"chunk 1: {fmt(m1)} us, Python chunk 1 / mp4j {ratio(py1, m1)}")

    # 5. speed-up
    print("\n### CPU-bound tasks: speed-up against workers\n")
    sp = sorted((r for r in raw.values() if r.get("bench") == "mp4j.ProcessPool.cpu_bound" and r.get("metric") == "speedup"),
                key=lambda r: r["params"]["workers"])
    if sp:
        base = {k: v for k, v in sp[0]["params"].items() if k != "workers"}
        print(f"{base.get('tasks')} tasks of {base.get('task_ms')} ms; serial in one thread: "
              f"{R.rng('jdk.serial.cpu_bound', 'seconds', **base)} s\n")
        print("| workers | mp4j ProcessPool s | speed-up | efficiency (S/n) | scaling over 1 worker | threads of one JVM: speed-up | target S >= 0.9 n |")
        print("|---|---|---|---|---|---|---|")
        for r in sp:
            p = r["params"]
            n = p["workers"]
            s = R.get("mp4j.ProcessPool.cpu_bound", "speedup", **p)
            print(f"| {n} | {R.rng('mp4j.ProcessPool.cpu_bound', 'seconds', **p)} | {R.rng('mp4j.ProcessPool.cpu_bound', 'speedup', **p)} | "
                  f"{fmt(R.get('mp4j.ProcessPool.cpu_bound', 'efficiency', **p))} | "
                  f"{fmt(R.get('mp4j.ProcessPool.cpu_bound', 'scaling', **p))} | "
                  f"{R.rng('jdk.ExecutorService.cpu_bound', 'speedup', **p)} | {verdict(s >= 0.9 * n)} |")
        fit = next((r for r in raw.values() if r.get("metric") == "amdahl_serial_fraction"), None)
        if fit:
            print(f"\n- Amdahl fit to the median speed-ups: serial fraction s = {fit['value']:.4f} "
                  f"({fit.get('info', {}).get('fit', '')})")


if __name__ == "__main__":
    main()
