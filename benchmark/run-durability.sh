#!/usr/bin/env bash
# What durability costs on the embedded H2: the lifecycle benchmark with the ledger's setting (WRITE_DELAY=0 in its
# JDBC URL: a commit is written to the file before it is answered) against H2's own default write delay (500 ms:
# commits written by a background thread up to half a second later, the setting that lost acknowledged writes to
# kill -9), side by side in one run. The two settings alternate run by run (0, 500, 0, 500, ...) so that a change
# in the machine's load falls on both. Medians as a markdown table. See docs/benchmarks.md.
#
#   benchmark/run-durability.sh [RUNS]
#
# Environment (all optional):
#   JAVA_OPTS            JVM options of every run                  (default: -Xmx512m)
#   GATEWAY_AGREEMENTS   lifecycles measured per gateway run       (default: 1000)
#   HTTP_AGREEMENTS      lifecycles measured per http run          (default: 500)
#   WARMUP               lifecycles run first and not counted      (default: 200)
#   MODES / THREADS      subsets                                   (default: "gateway http" / "8")
#   DELAYS               write delays compared, in ms; "ledger" = the ledger's own URL setting (default: "ledger 500")
set -uo pipefail

cd "$(dirname "$0")/.."
RUNS=${1:-${RUNS:-1}}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
GATEWAY_AGREEMENTS=${GATEWAY_AGREEMENTS:-1000}
HTTP_AGREEMENTS=${HTTP_AGREEMENTS:-500}
WARMUP=${WARMUP:-200}
MODES=${MODES:-gateway http}
THREADS=${THREADS:-8}
DELAYS=${DELAYS:-ledger 500}
JAR=benchmark/target/basin-ledger-benchmark.jar

if [[ ! -f $JAR ]]; then
  echo "building $JAR" >&2
  mvn -q -DskipTests package || exit 1
fi

out=benchmark/target/bench-results/durability-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
echo "results and logs: $out" >&2

field() { sed -E "s/.*\"$2\":\"?([^,\"}]*).*/\1/" <<<"$1"; }
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'
}

rows=()
for mode in $MODES; do
  agreements=$GATEWAY_AGREEMENTS
  [[ $mode == http ]] && agreements=$HTTP_AGREEMENTS
  for threads in $THREADS; do
    for delay in $DELAYS; do : >"$out/$mode-$threads-$delay.jsonl"; done
    for ((run = 1; run <= RUNS; run++)); do
      for delay in $DELAYS; do
        log=$out/$mode-$threads-$delay-run$run.log
        arg=""
        [[ $delay != ledger ]] && arg="--h2-write-delay=$delay"
        # gateway: also count the CPU the projections need to catch up, which a faster command side leaves behind
        [[ $mode == gateway ]] && arg="$arg --cpu-through-catch-up"
        echo "== h2 $mode threads=$threads write delay $delay run $run/$RUNS (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
        # shellcheck disable=SC2086
        java $JAVA_OPTS -jar "$JAR" --db=h2 --mode="$mode" --threads="$threads" --agreements="$agreements" \
          --warmup="$WARMUP" $arg >"$log" 2>&1
        status=$?
        line=$(grep '^BENCH-RESULT ' "$log" | tail -1 | cut -d' ' -f2-)
        if [[ $status -ne 0 || -z $line ]]; then
          echo "   failed (exit $status), see $log" >&2
          continue
        fi
        echo "$line" >>"$out/$mode-$threads-$delay.jsonl"
        echo "   $(field "$line" opsPerSec) $(field "$line" unit)/s, p50 $(field "$line" p50Ms) ms, p99 $(field "$line" p99Ms) ms, write delay in effect $(field "$line" h2WriteDelayMs) ms" >&2
      done
    done
    for delay in $DELAYS; do
      results=$out/$mode-$threads-$delay.jsonl
      ok=$(wc -l <"$results")
      [[ $ok -eq 0 ]] && { rows+=("| $delay | $mode | $threads | failed | | | | | | | | | 0/$RUNS |"); continue; }
      unit=$(field "$(head -1 "$results")" unit)
      med() { while read -r l; do field "$l" "$1"; done <"$results" | median; }
      catch=n/a
      through=n/a
      if [[ $mode == gateway ]]; then
        catch=$(med catchUpMs)
        through=$(med opsPerCpuSecThroughCatchUp)
      fi
      rows+=("| $(med h2WriteDelayMs) ms ($delay) | $mode | $threads | $(med opsPerSec) $unit/s | $(med p50Ms) | $(med p90Ms) | $(med p99Ms) | $(med cpuUtil) | $(med opsPerCpuSec) | $catch | $through | $(med loadAvgBefore) | $ok/$RUNS |")
    done
  done
done

{
  echo
  echo "H2, medians of $RUNS run(s) per row; JVM: $JAVA_OPTS; gateway $GATEWAY_AGREEMENTS, http $HTTP_AGREEMENTS lifecycles after $WARMUP warm-up"
  echo
  echo "| write delay | mode | threads | throughput | p50 ms | p90 ms | p99 ms | CPU (of all cores) | per CPU-second | projection catch-up ms | per CPU-second through catch-up | load avg before | runs ok |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$out/table.md"
