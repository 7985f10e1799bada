#!/usr/bin/env python3
"""Run one command, pass its stdout (JSON lines) through, then print a meta line saying how busy the rest
of the machine was meanwhile, as shared/peers/python/run_one.py does for the Python peers:
foreign_cpu_pct = (machine busy CPU time - the command's own CPU time, incl. its waited-for children)
/ (wall time x cpus).  Before starting it waits up to QUIET_WAIT_S seconds (default 30; 0 disables) for a
2-second window that is at least QUIET_IDLE_PCT % idle (default 85).

    measured.py NAME COMMAND [ARG...]        # NAME labels the meta line ("script")"""
import json
import os
import resource
import subprocess
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def cpu_times():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]
    return (sum(v[:8]) - idle) / HZ, (v[7] / HZ if len(v) > 7 else 0.0), sum(v[:8]) / HZ


def wait_quiet():
    limit = float(os.environ.get("QUIET_WAIT_S", "30"))
    want = float(os.environ.get("QUIET_IDLE_PCT", "85"))
    t0 = time.monotonic()
    while True:
        b0, _, a0 = cpu_times()
        time.sleep(2.0)
        b1, _, a1 = cpu_times()
        idle = 100.0 * (1 - (b1 - b0) / max(1e-9, a1 - a0))
        if limit <= 0 or idle >= want or time.monotonic() - t0 >= limit:
            return round(time.monotonic() - t0, 1), round(idle, 1)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    name, cmd = sys.argv[1], sys.argv[2:]
    waited, idle_before = wait_quiet()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    b0, s0, _ = cpu_times()
    t0 = time.monotonic()
    rc = subprocess.call(cmd)
    wall = time.monotonic() - t0
    b1, s1, _ = cpu_times()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    ncpu = os.cpu_count() or 1
    foreign = max(0.0, (b1 - b0) - own)
    rec = {"bench": "meta", "metric": "foreign_cpu_pct", "value": round(100 * foreign / (wall * ncpu), 1),
           "unit": "%", "script": name, "rc": rc, "wall_s": round(wall, 2), "own_cpu_s": round(own, 2),
           "machine_busy_cpu_s": round(b1 - b0, 2), "steal_s": round(s1 - s0, 2),
           "waited_for_quiet_s": waited, "idle_pct_before": idle_before, "loadavg_after": os.getloadavg()}
    print(json.dumps(rec), flush=True)
    print(f"   ({name}: rc={rc}, {wall:.0f}s wall, own CPU {own:.1f}s, other tenants' CPU {foreign:.1f}s = "
          f"{rec['value']}% of the machine; waited {waited}s for quiet, idle {idle_before}% at start)",
          file=sys.stderr, flush=True)
    sys.exit(rc)


if __name__ == "__main__":
    main()
