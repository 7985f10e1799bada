#!/usr/bin/env python3
"""Side-by-side tables of a run-parallel.sh run: each mp4j Parallel and Memory figure beside joblib's from the same
file, with the ratio joblib / mp4j (how many times faster mp4j is; below 1 means slower).

    parallel_tables.py RESULTS.jsonl"""
import json
import sys

rows = {}
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("{"):
        r = json.loads(line)
        if "id" in r:
            rows[r["id"]] = r


def key(bench, metric, **params):
    p = ",".join(f"{k}={params[k]}" for k in sorted(params))
    return f"{bench}[{p}].{metric}" if params else f"{bench}.{metric}"


def cell(i, scale=1.0):
    r = rows.get(i)
    if r is None:
        return "-", None
    v = r["value"] * scale
    spread = f" [{r['min'] * scale:.3g}..{r['max'] * scale:.3g}]" if len(r.get("runs") or []) > 1 else ""
    return f"{v:.3g}{spread}", v


def row(label, mine, peer, unit, target="", scale_mine=1.0, scale_peer=1.0):
    m, mv = cell(mine, scale_mine)
    p, pv = cell(peer, scale_peer)
    ratio = f"{pv / mv:.1f}x" if mv and pv else "-"
    print(f"| {label} | {m} | {p} | {ratio} | {unit} | {target} |")


print("\n### Parallel, 2 jobs: mp4j beside joblib (median of runs [min..max]; ratio = joblib / mp4j)\n")
print("| scenario | mp4j | joblib | joblib / mp4j | unit | target |")
print("|---|---|---|---|---|---|")
row("first call, 2 tasks (cold workers; joblib loky)",
    key("mp4j.Parallel.startup", "first_call_2_tasks_ms", backend="processes", n_jobs=2),
    key("joblib.Parallel.startup", "first_call_2_tasks_ms", backend="loky", n_jobs=2), "ms")
row("next call, 2 tasks (warm workers reused; joblib loky)",
    key("mp4j.Parallel.startup", "next_call_2_tasks_ms", backend="processes", n_jobs=2),
    key("joblib.Parallel.startup", "next_call_2_tasks_ms", backend="loky", n_jobs=2), "ms")
sizes = sorted({r["params"]["n"] for r in rows.values() if r["bench"] == "mp4j.Parallel" and "reuse" not in r["params"]
                and r["params"].get("batch_size") == "auto"})
batch1 = sorted({r["params"]["n"] for r in rows.values() if r["bench"] == "mp4j.Parallel"
                 and r["params"].get("batch_size") == 1})
for mine_backend, peer_backend in (("processes", "loky"), ("processes", "multiprocessing"), ("threads", "threading")):
    for n in sizes:
        row(f"per task, {mine_backend} vs {peer_backend}, n={n:,}, batch auto",
            key("mp4j.Parallel", "us_per_task", backend=mine_backend, batch_size="auto", n=n, n_jobs=2),
            key("joblib.Parallel", "us_per_task", backend=peer_backend, batch_size="auto", n=n, n_jobs=2), "us")
    for n in batch1:
        row(f"per task, {mine_backend} vs {peer_backend}, n={n:,}, batch 1",
            key("mp4j.Parallel", "us_per_task", backend=mine_backend, batch_size=1, n=n, n_jobs=2),
            key("joblib.Parallel", "us_per_task", backend=peer_backend, batch_size=1, n=n, n_jobs=2), "us")
for r in rows.values():
    if r["bench"] == "mp4j.Parallel" and r["params"].get("reuse") == "scope":
        n = r["params"]["n"]
        row(f"per task, one scoped pool for several calls, n={n:,} (joblib: `with Parallel(...)`, multiprocessing)",
            r["id"], key("joblib.Parallel", "us_per_task", backend="multiprocessing", batch_size="auto", n=n,
                         n_jobs=2, reuse="with Parallel(...) as par"), "us")
for v in (0, 10):
    n = next((r["params"]["n"] for r in rows.values() if r["bench"] == "mp4j.Parallel.progress"), None)
    if n is not None:
        row(f"per task with verbose={v}, n={n:,}", key("mp4j.Parallel.progress", "us_per_task", backend="processes",
                                                    n=n, verbose=v),
            key("joblib.Parallel.progress", "us_per_task", backend="loky", n=n, verbose=v), "us")

print("\n### Memory: mp4j beside joblib (median of runs [min..max]; ratio = joblib / mp4j)\n")
print("| scenario | mp4j | joblib | joblib / mp4j | unit | target |")
print("|---|---|---|---|---|---|")
row("trivial function, miss (compute + store)", "mp4j.Memory.trivial.miss_call_ms", "joblib.Memory.trivial.miss_call_ms",
    "us", scale_mine=1e3, scale_peer=1e3)
row("trivial function, hit", "mp4j.Memory.trivial.hit_call_ms", "joblib.Memory.trivial.hit_call_ms", "us",
    "<= 10 us", scale_mine=1e3, scale_peer=1e3)
row("cache directory for the trivial calls", "mp4j.Memory.trivial.cache_dir_bytes",
    "joblib.Memory.trivial.cache_dir_bytes", "bytes")
row("1e6 longs (8 MB; joblib int64 ndarray): uncached call", "mp4j.Memory.long_array_1e6.uncached_call_ms",
    "joblib.Memory.ndarray_1e6_int64.uncached_call_ms", "ms")
row("1e6 longs: first call (compute + store)", "mp4j.Memory.long_array_1e6.first_call_ms",
    "joblib.Memory.ndarray_1e6_int64.first_call_ms", "ms")
row("1e6 longs: cached call", "mp4j.Memory.long_array_1e6.cached_call_ms",
    "joblib.Memory.ndarray_1e6_int64.cached_call_ms", "ms")
row("1e6 longs: cached call (joblib mmap_mode='r')", "mp4j.Memory.long_array_1e6.cached_call_ms",
    key("joblib.Memory.ndarray_1e6_int64", "cached_call_ms", mmap_mode="r"), "ms")
row("1e6-element list: first call", "mp4j.Memory.list_1e6.first_call_ms", "joblib.Memory.list_1e6.first_call_ms", "ms")
row("1e6-element list: cached call", "mp4j.Memory.list_1e6.cached_call_ms", "joblib.Memory.list_1e6.cached_call_ms",
    "ms")
row("hash a 1e6-element array argument", key("mp4j.hash", "ms", arg="long_array_1e6"),
    key("joblib.hash", "ms", arg="ndarray_1e6_int64"), "ms")
row("hash a 1e6-element list argument", key("mp4j.hash", "ms", arg="list_1e6"), key("joblib.hash", "ms", arg="list_1e6"),
    "ms")
row("hit with a 1e6-element array argument", "mp4j.Memory.arg_long_array_1e6.hit_call_ms",
    "joblib.Memory.arg_ndarray_1e6.hit_call_ms", "ms")
