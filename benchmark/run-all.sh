#!/usr/bin/env bash
# Runs the lifecycle benchmark for every combination of database (h2, postgres) x mode (gateway, http) x client
# threads (1, 8), RUNS times each (default 3), each run in a JVM of its own, and prints the median of every
# metric as a markdown table. See docs/benchmarks.md.
#
#   benchmark/run-all.sh [RUNS]
#
# Environment (all optional):
#   JAVA_OPTS            JVM options of every run                  (default: -Xmx512m)
#   GATEWAY_AGREEMENTS   lifecycles measured per gateway run       (default: 2000)
#   HTTP_AGREEMENTS      lifecycles measured per http run          (default: 1000)
#   WARMUP               lifecycles run first and not counted      (default: 300)
#   DBS / MODES / THREADS  subsets of the matrix                   (default: "h2 postgres" / "gateway http" / "1 8")
#   EXTRA_ARGS           more arguments for every run, e.g. Spring properties of the app to try
#   BENCH_POSTGRES_URL   (default jdbc:postgresql://127.0.0.1:5432/test; user BENCH_POSTGRES_USER, default postgres)
set -uo pipefail

cd "$(dirname "$0")/.."
RUNS=${1:-${RUNS:-3}}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
GATEWAY_AGREEMENTS=${GATEWAY_AGREEMENTS:-2000}
HTTP_AGREEMENTS=${HTTP_AGREEMENTS:-1000}
WARMUP=${WARMUP:-300}
DBS=${DBS:-h2 postgres}
MODES=${MODES:-gateway http}
THREADS=${THREADS:-1 8}
EXTRA_ARGS=${EXTRA_ARGS:-}
JAR=benchmark/target/basin-ledger-benchmark.jar

if [[ ! -f $JAR ]]; then
  echo "building $JAR" >&2
  mvn -q -DskipTests package || exit 1
fi

pg_url=${BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test}
pg_hostport=$(sed -E 's#^jdbc:postgresql://([^/?]+).*#\1#' <<<"$pg_url")
pg_host=${pg_hostport%%:*}
pg_port=${pg_hostport##*:}
[[ $pg_port == "$pg_hostport" ]] && pg_port=5432
postgres_up=false
if (exec 3<>"/dev/tcp/$pg_host/$pg_port") 2>/dev/null; then
  postgres_up=true
fi

out=benchmark/target/bench-results/$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
echo "results and logs: $out" >&2

# CPU is the share of all cores this JVM used while measuring; well under 1 with a load average above the client
# threads means another process took cores away ("per CPU-second" = operations per CPU-second of the JVM, which
# such competition disturbs much less than operations per second).

# the number after "key": in a one-line JSON object
field() { sed -E "s/.*\"$2\":\"?([^,\"}]*).*/\1/" <<<"$1"; }

# median of numbers on stdin (mean of the two middle ones for an even count)
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'
}

skipped=()
rows=()
for db in $DBS; do
  if [[ $db == postgres && $postgres_up != true ]]; then
    echo "PostgreSQL is not reachable at $pg_host:$pg_port: skipping the postgres combinations" >&2
    skipped+=("postgres (not reachable at $pg_host:$pg_port)")
    continue
  fi
  for mode in $MODES; do
    agreements=$GATEWAY_AGREEMENTS
    [[ $mode == http ]] && agreements=$HTTP_AGREEMENTS
    for threads in $THREADS; do
      results=$out/$db-$mode-$threads.jsonl
      : >"$results"
      for ((run = 1; run <= RUNS; run++)); do
        log=$out/$db-$mode-$threads-run$run.log
        echo "== $db $mode threads=$threads agreements=$agreements run $run/$RUNS" >&2
        # shellcheck disable=SC2086
        java $JAVA_OPTS -jar "$JAR" --db="$db" --mode="$mode" --threads="$threads" --agreements="$agreements" \
          --warmup="$WARMUP" $EXTRA_ARGS >"$log" 2>&1
        status=$?
        line=$(grep '^BENCH-RESULT ' "$log" | tail -1 | cut -d' ' -f2-)
        if [[ $status -ne 0 || -z $line ]]; then
          echo "   failed (exit $status), see $log" >&2
          continue
        fi
        echo "$line" >>"$results"
        echo "   $(field "$line" opsPerSec) $(field "$line" unit)/s, p50 $(field "$line" p50Ms) ms, p99 $(field "$line" p99Ms) ms, peak heap $(field "$line" peakHeapMB) MB" >&2
      done
      ok=$(wc -l <"$results")
      [[ $ok -eq 0 ]] && { rows+=("| $db | $mode | $threads | failed | | | | | | | | | | | 0/$RUNS |"); continue; }
      unit=$(field "$(head -1 "$results")" unit)
      med() { while read -r l; do field "$l" "$1"; done <"$results" | median; }
      catch=$(med catchUpMs)
      [[ $mode == http ]] && catch="n/a"
      rows+=("| $db | $mode | $threads | $(med opsPerSec) $unit/s | $(med lifecyclesPerSec) | $(med p50Ms) | $(med p90Ms) | $(med p99Ms) | $(med maxMs) | $(med peakHeapMB) | $(med peakRssMB) | $catch | $(med cpuUtil) | $(med opsPerCpuSec) | $(med loadAvgBefore) | $ok/$RUNS |")
    done
  done
done

{
  echo
  echo "Medians of $RUNS run(s) per row; JVM: $JAVA_OPTS; gateway $GATEWAY_AGREEMENTS, http $HTTP_AGREEMENTS lifecycles after $WARMUP warm-up${EXTRA_ARGS:+; extra: $EXTRA_ARGS}"
  echo
  echo "| db | mode | threads | throughput | lifecycles/s | p50 ms | p90 ms | p99 ms | max ms | peak heap MB | peak RSS MB | projection catch-up ms | CPU (of all cores) | per CPU-second | load avg before | runs ok |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  [[ ${#rows[@]} -gt 0 ]] && printf '%s\n' "${rows[@]}"
  for s in ${skipped[@]+"${skipped[@]}"}; do echo "| skipped: $s | | | | | | | | | | | | | | | |"; done
} | tee "$out/table.md"
