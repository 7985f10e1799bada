#!/usr/bin/env python3
"""The Python peers of `mp4j bench`: the figures its report sets beside mp4j's, taken with the functions of the
peer scripts next to this file (bench_pipe.py, bench_queue.py, bench_shared.py, bench_manager.py, _poolsuite.py,
bench_joblib.py, copies of the project's Python peer suite) and written with the same ids, so that summarize.py
joins them with the suite's own runs.  JSON lines on stdout, human lines on stderr.

    python3 peers.py PART [--scale S] [--variants A,B] [--kinds A,B]

PART is one of pipe, queue, counters, manager, pool, joblib.  --scale multiplies the problem sizes of the peer
suite's full run (1 = its sizes; the quick run of mp4j bench uses 0.1, as BENCH_QUICK=1 does).  BENCH_REPEATS
sets the repetitions, as for the peer suite."""
import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import time

from _common import REPEATS, cube, emit, header, median, perf, repeat


def scaled(n, scale, least):
    return max(least, int(n * scale))


def pipe(args):
    from bench_pipe import pingpong
    ctx = mp.get_context("fork")
    n = scaled(100_000, args.scale, 2_000)
    reps = min(3, REPEATS)
    pingpong(ctx, "duplex.send_bytes.8B", min(n, 20_000))  # warm-up
    for variant in args.variants.split(","):
        res = [pingpong(ctx, variant, n) for _ in range(reps)]
        for i, name in enumerate(("rtt_p50_us", "rtt_p99_us", "rtt_p99.9_us", "rtt_mean_us")):
            vals = [r[i] for r in res]
            emit("mp.Pipe.pingpong", name, median(vals), "us", vals, variant=variant,
                 info={"round_trips_per_run": n})
        rts = [1e6 / r[3] for r in res]
        emit("mp.Pipe.pingpong", "round_trips_per_s", median(rts), "rt/s", rts, variant=variant,
             info={"round_trips_per_run": n})


def queue(args):
    from bench_queue import one_run
    ctx = mp.get_context("fork")
    cases = [("int", 0, scaled(200_000, args.scale, 2_000)), ("64KiB", 65536, scaled(10_000, args.scale, 200))]
    for kind in args.kinds.split(","):
        for label, nbytes, n in cases:
            one_run(ctx, kind, min(n, 1000), nbytes)  # warm-up
            totals = [one_run(ctx, kind, n, nbytes)[0] for _ in range(REPEATS)]
            rates = [n / t for t in totals]
            emit("mp." + kind, "msgs_per_s", median(rates), "msg/s", rates, msg=label, n=n)
            emit("mp." + kind, "us_per_msg", median(totals) / n * 1e6, "us", [t / n * 1e6 for t in totals],
                 msg=label, n=n)
            if nbytes:
                mbs = [n * nbytes / t / 1e6 for t in totals]
                emit("mp." + kind, "payload_MB_per_s", median(mbs), "MB/s", mbs, msg=label, n=n)


def counters(args):
    import bench_shared as s
    ctx = s.ctx
    n = scaled(500_000, args.scale, 5_000)
    cases = {
        "Value.locked": (lambda: ctx.Value("q", 0), s.inc_locked, lambda v: (v,)),
        "RawValue+Lock": (lambda: ctx.RawValue("q", 0), s.inc_lock_obj, lambda v: (v, ctx.Lock())),
    }
    for name in args.kinds.split(","):
        mk, target, extra = cases[name]
        rates, lost = [], []
        for _ in range(REPEATS):
            v = mk()
            dt = s.two_procs(target, extra(v), n)
            rates.append(2 * n / dt)
            lost.append(2 * n - v.value)
        emit("mp.shared_counter", "increments_per_s", median(rates), "inc/s", rates, kind=name, procs=2, n_each=n)
        emit("mp.shared_counter", "lost_updates", median(lost), "count", lost, kind=name, procs=2, n_each=n,
             human_note=f"   exact={all(x == 0 for x in lost)}")


def manager(args):
    from bench_manager import child
    ctx = mp.get_context("fork")
    n = scaled(10_000, args.scale, 200)
    per_op = {}
    for rep in range(REPEATS + 1):  # one un-timed warm-up round
        with ctx.Manager() as m:
            d, val, lock, q = m.dict(), m.Value("q", 0), m.Lock(), m.Queue()
            a, b = ctx.Pipe()
            p = ctx.Process(target=child, args=(d, val, lock, q, n, b))
            p.start()
            r = a.recv()
            p.join()
        if rep:
            for k in ("dict_set", "dict_get"):
                per_op.setdefault(k, []).append(r[k])
    for k, us in per_op.items():
        emit("mp.Manager." + k, "us_per_op", median(us), "us", us, caller="child", n=n)
        ops = [1e6 / u for u in us]
        emit("mp.Manager." + k, "ops_per_s", median(ops), "op/s", ops, caller="child", n=n)


def pool(args):
    from _poolsuite import startup_figures
    for sm in ("fork", "spawn"):
        ctx = mp.get_context(sm)
        startup_figures("mp.Pool", ctx.Pool, ctx.SimpleQueue, sm)
    ctx = mp.get_context("fork")
    with ctx.Pool(2) as p:
        p.map(cube, range(1000))  # warm-up
        n = scaled(100_000, args.scale, 1_000)

        def run_map():
            t = perf()
            r = p.map(cube, range(n))
            dt = perf() - t
            assert len(r) == n and r[-1] == (n - 1) ** 3
            return dt / n * 1e6
        med, runs = repeat(run_map)
        emit("mp.Pool.map", "us_per_task", med, "us", runs, start="fork", n=n, chunksize="default")
        k = scaled(3_000, args.scale, 100)

        def run_apply():
            t = perf()
            for x in range(k):
                p.apply(cube, (x,))
            return (perf() - t) / k * 1e6
        med, runs = repeat(run_apply)
        emit("mp.Pool.apply_loop", "us_per_task", med, "us", runs, start="fork", n=k)


def joblib_(args):
    from joblib import Parallel, delayed
    from bench_joblib import kill_loky_executor
    cold, warm = [], []
    for _ in range(REPEATS):
        kill_loky_executor()
        t = perf()
        Parallel(n_jobs=2, backend="loky")(delayed(cube)(i) for i in range(2))
        cold.append((perf() - t) * 1e3)
        t = perf()
        Parallel(n_jobs=2, backend="loky")(delayed(cube)(i) for i in range(2))
        warm.append((perf() - t) * 1e3)
    emit("joblib.Parallel.startup", "first_call_2_tasks_ms", median(cold), "ms", cold, backend="loky", n_jobs=2,
         human_note="  (cold: no worker processes yet)")
    emit("joblib.Parallel.startup", "next_call_2_tasks_ms", median(warm), "ms", warm, backend="loky", n_jobs=2,
         human_note="  (loky executor reused)")
    n = scaled(100_000, args.scale, 1_000)
    Parallel(n_jobs=2)(delayed(cube)(i) for i in range(1000))  # warm loky

    def run():
        t = perf()
        r = Parallel(n_jobs=2, backend="loky", batch_size="auto")(delayed(cube)(x) for x in range(n))
        dt = perf() - t
        assert len(r) == n and r[-1] == (n - 1) ** 3
        return dt / n * 1e6
    med, runs = repeat(run)
    emit("joblib.Parallel", "us_per_task", med, "us", runs, backend="loky", n=n, batch_size="auto", n_jobs=2)
    kill_loky_executor()


def machine_busy_s():
    """CPU seconds the whole machine spent busy (all cpus), from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return (sum(v[:8]) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")


def own_cpu_s():
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        r = resource.getrusage(who)
        total += r.ru_utime + r.ru_stime
    return total


def measured(part, fn, args):
    """Runs one part, then writes the meta line run_one.py of the peer suite writes: the CPU other processes used
    meanwhile, in percent of the machine."""
    b0, c0, t0 = machine_busy_s(), own_cpu_s(), time.monotonic()
    fn(args)
    wall = time.monotonic() - t0
    busy, own = machine_busy_s() - b0, own_cpu_s() - c0
    foreign = max(0.0, busy - own)
    rec = {"bench": "meta", "metric": "foreign_cpu_pct",
           "value": round(100 * foreign / (wall * (os.cpu_count() or 1)), 1), "unit": "%",
           "script": f"peers.py {part}", "rc": 0, "wall_s": round(wall, 2), "own_cpu_s": round(own, 2),
           "machine_busy_cpu_s": round(busy, 2), "loadavg_after": os.getloadavg()}
    print(json.dumps(rec), flush=True)
    print(f"   (peers.py {part}: {wall:.1f}s wall, other processes' CPU {rec['value']}% of the machine)",
          file=sys.stderr, flush=True)


PARTS = {"pipe": pipe, "queue": queue, "counters": counters, "manager": manager, "pool": pool, "joblib": joblib_}

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Python peers of mp4j bench")
    parser.add_argument("part", choices=sorted(PARTS))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--variants", default="duplex.send_bytes.8B")
    parser.add_argument("--kinds", default=None)
    a = parser.parse_args()
    if a.kinds is None:
        a.kinds = {"queue": "Queue", "counters": "Value.locked,RawValue+Lock"}.get(a.part, "")
    header(f"peers.py {a.part}: scale {a.scale}, pid {os.getpid()}")
    measured(a.part, PARTS[a.part], a)
