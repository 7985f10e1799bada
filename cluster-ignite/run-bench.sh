#!/usr/bin/env bash
# The Ignite pool's per-task costs beside the local process pool, in one run (io.mp4j.cluster.ignite.PoolOverheadBench):
# 3 member JVMs on 127.0.0.1 and this driver, against a ProcessPool of 2 workers. JSON lines go to
# cluster-ignite/target/bench/<date>-pool-overhead.jsonl (and stdout), progress to stderr.
#
# Usage: cluster-ignite/run-bench.sh [-Druns=5 -DmapN=100000 -Dchunk1N=2000 -DapplyN=1000 -DasyncN=2000]
#        cluster-ignite/run-bench.sh objects [-Druns=5 -Dseconds=1 -DmapKeys=1000 -Dcapacity=1024]
# The second runs io.mp4j.cluster.ignite.ObjectsBench (shared objects on Ignite beside the local engine) and writes
# <date>-objects.jsonl.
# Builds the reactor (package, no tests, no install) first; runs on the java on PATH (JAVA=... to choose).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
JAVA="${JAVA:-java}"
MAIN=io.mp4j.cluster.ignite.PoolOverheadBench
KIND=pool-overhead
if [ "${1:-}" = objects ]; then
  shift
  MAIN=io.mp4j.cluster.ignite.ObjectsBench
  KIND=objects
fi

cd "$ROOT"
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath -pl cluster-ignite -am
CP="$HERE/target/test-classes:$HERE/target/classes:$(cat "$HERE/target/bench.classpath")"
PROPS="$ROOT/ipc-core/target/classes/io/mp4j/ipc/jvm/jvm-flags.properties"
FLAGS="$(sed -n 's/^flags=//p' "$PROPS") $(sed -n 's/^set.ignite=//p' "$PROPS")"
if [ "$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')" -ge 23 ]; then
  FLAGS="$FLAGS $(sed -n 's/^flags.jdk23=//p' "$PROPS")"
fi
cd "$HERE"
mkdir -p "$HERE/target/bench"
OUT="$HERE/target/bench/$(date -u +%Y%m%dT%H%M%SZ)-$KIND.jsonl"
# shellcheck disable=SC2086
"$JAVA" $FLAGS -Xmx512m "$@" -cp "$CP" "$MAIN" | tee "$OUT"
echo "results: $OUT" >&2
