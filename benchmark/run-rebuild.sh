#!/usr/bin/env bash
# Issue 11 (3): rebuilding every read model against vanilla Axon's replay, interleaved in one sitting on H2 (file),
# RUNS times each (default 3): vanilla Axon's tracking processor replaying its event store at batch size 1 (JPA
# engine, the anchor's README: --bench.mode=replay --bench.batch=1), then the ledger's rebuild (--workload=rebuild)
# of LIFECYCLES agreement lifecycles' events. Prints each run, the medians and the ratio. See docs/benchmarks.md.
#
#   benchmark/run-rebuild.sh [RUNS]
#
# Environment (all optional):
#   JAVA_OPTS     JVM options of every ledger run                          (default: -Xmx512m)
#   LIFECYCLES    lifecycles written before each ledger rebuild            (default: 2500, about 20,000 events)
#   VANILLA_SRC   the anchor              (default: ../shared/anchors/axon-vanilla, or ../../shared/… from a worktree)
#   SCRATCH       where the anchor is copied, built and keeps its H2 file  (default: /tmp/basin-rebuild-bench)
#   BEFORE_JAR    another build of the benchmark jar (say, main before a change, copied aside): its rebuild row
#                 runs in each round too, after vanilla and before this jar's, and the table gets its row and the
#                 ratio after / before (default: none)
#   EXTRA_ARGS    more arguments of every ledger run, e.g. --ledger.read-models.rebuild-threads=1 (default: none)
set -uo pipefail

cd "$(dirname "$0")/.."
RUNS=${1:-${RUNS:-3}}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
LIFECYCLES=${LIFECYCLES:-2500}
VANILLA_SRC=${VANILLA_SRC:-../shared/anchors/axon-vanilla}
[[ -d $VANILLA_SRC ]] || VANILLA_SRC=../../shared/anchors/axon-vanilla
SCRATCH=${SCRATCH:-/tmp/basin-rebuild-bench}
JAR=benchmark/target/basin-ledger-benchmark.jar
BEFORE_JAR=${BEFORE_JAR:-}
EXTRA_ARGS=${EXTRA_ARGS:-}

if [[ ! -f $JAR ]]; then
  echo "building $JAR" >&2
  mvn -q -DskipTests package || exit 1
fi
# the anchor is never built inside this repository: a copy in the scratch directory
if [[ ! -f $SCRATCH/axon-vanilla/target/axon-vanilla.jar ]]; then
  rm -rf "$SCRATCH/axon-vanilla" && mkdir -p "$SCRATCH" && cp -r "$VANILLA_SRC" "$SCRATCH/axon-vanilla" || exit 1
  (cd "$SCRATCH/axon-vanilla" && mvn -q -B -DskipTests package) || exit 1
fi
VANILLA_JAR=$SCRATCH/axon-vanilla/target/axon-vanilla.jar
VANILLA_DB=$SCRATCH/h2
out=benchmark/target/bench-results/rebuild-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
echo "results and logs: $out" >&2

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'
}

# one ledger rebuild row of jar $1 into the log $2; prints its BENCH-RESULT line
ledger_row() {
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$1" --workload=rebuild --db=h2 --mode=gateway --threads=8 --warmup=0 \
    --agreements="$LIFECYCLES" $EXTRA_ARGS >"$2" 2>&1 || { echo "ledger rebuild failed: $2" >&2; exit 1; }
  grep '^BENCH-RESULT ' "$2" | tail -1
}
# the first eventsPerSec of a BENCH-RESULT line, and its events per CPU-second
field() { grep -oE "\"$1\":[0-9.]+" | head -1 | cut -d: -f2; }

vanilla=() ledger=() before=() ledgerCpu=() beforeCpu=()
for run in $(seq 1 "$RUNS"); do
  # vanilla: a fresh event store of 20,000 events (not measured), then its replay at batch size 1
  rm -rf "$VANILLA_DB" && mkdir -p "$VANILLA_DB"
  url=--spring.datasource.url=jdbc:h2:file:$VANILLA_DB/h2db
  java -jar "$VANILLA_JAR" "$url" --bench.mode=commands --bench.threads=8 >"$out/vanilla-populate-$run.log" 2>&1 \
    || { echo "vanilla populate failed: $out/vanilla-populate-$run.log" >&2; exit 1; }
  java -jar "$VANILLA_JAR" "$url" --bench.mode=replay --bench.batch=1 >"$out/vanilla-replay-$run.log" 2>&1 \
    || { echo "vanilla replay failed: $out/vanilla-replay-$run.log" >&2; exit 1; }
  line=$(grep '^RESULT ' "$out/vanilla-replay-$run.log" | tail -1)
  v=$(sed -E 's/.*events_per_s=([0-9.]+).*/\1/' <<<"$line")
  vanilla+=("$v")
  echo "run $run vanilla replay batch 1: $line" >&2

  if [[ -n $BEFORE_JAR ]]; then
    line=$(ledger_row "$BEFORE_JAR" "$out/before-rebuild-$run.log") || exit 1
    before+=("$(field eventsPerSec <<<"$line")") beforeCpu+=("$(field opsPerCpuSec <<<"$line")")
    echo "run $run ledger rebuild before ($BEFORE_JAR): $line" >&2
  fi
  # the ledger: LIFECYCLES lifecycles through the gateway (not measured), then one rebuild
  line=$(ledger_row "$JAR" "$out/ledger-rebuild-$run.log") || exit 1
  ledger+=("$(field eventsPerSec <<<"$line")") ledgerCpu+=("$(field opsPerCpuSec <<<"$line")")
  echo "run $run ledger rebuild: $line" >&2
done

vm=$(printf '%s\n' "${vanilla[@]}" | median)
lm=$(printf '%s\n' "${ledger[@]}" | median)
lc=$(printf '%s\n' "${ledgerCpu[@]}" | median)
echo
echo "| row (H2 file, same sitting, $RUNS interleaved runs) | events/s (median) | runs | events per CPU-second (median) |"
echo "|---|---|---|---|"
echo "| vanilla Axon, tracking processor replay, batch 1 (JPA engine) | $vm | ${vanilla[*]} | – |"
if [[ -n $BEFORE_JAR ]]; then
  bm=$(printf '%s\n' "${before[@]}" | median)
  bc=$(printf '%s\n' "${beforeCpu[@]}" | median)
  echo "| Basin Ledger rebuild, before ($BEFORE_JAR) | $bm | ${before[*]} | $bc |"
fi
echo "| Basin Ledger rebuild of every read model | $lm | ${ledger[*]} | $lc |"
echo "| ratio ledger / vanilla | $(awk -v l="$lm" -v v="$vm" 'BEGIN { printf "%.1f×", l / v }') | target ≥ 10× | |"
if [[ -n $BEFORE_JAR ]]; then
  echo "| ratio after / before | $(awk -v l="$lm" -v b="$bm" 'BEGIN { printf "%.1f×", l / b }') | | $(awk -v l="$lc" -v b="$bc" 'BEGIN { printf "%.1f×", l / b }') |"
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
