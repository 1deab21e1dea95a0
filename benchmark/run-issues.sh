#!/usr/bin/env bash
# The benchmarks of issue 3 (monitoring reports, assessments) and issue 5 (integrity log, proofs, verification) on
# H2 and PostgreSQL, each run in a JVM of its own, RUNS times per row (default 1), medians as markdown tables.
# See docs/benchmarks.md ("Monitoring reports and assessments", "The integrity log").
#
#   benchmark/run-issues.sh [RUNS]
#
# Environment (all optional):
#   JAVA_OPTS              JVM options of every run                                (default: -Xmx512m)
#   WORKLOADS              subset of "reports growth assessment integrity proofs"   (default: all five)
#   DBS                    subset of "h2 postgres"                                  (default: both)
#   REPORT_MODES / REPORT_THREADS   reports rows                                    (default: "gateway http" / "1 8")
#   GATEWAY_REPORTS        reports measured per gateway run                         (default: 2000)
#   HTTP_REPORTS           reports measured per http run                            (default: 1000)
#   REPORT_WARMUP          reports sent first, not counted                          (default: 200)
#   REPORTS_PER_AGREEMENT  at most this many reports to one agreement (each thread
#                          gets ceil(its reports / this) agreements of its own)    (default: 24)
#   GROWTH                 reports per agreement of the "growth" rows (H2, gateway,
#                          1 thread, GROWTH_REPORTS reports; in WORKLOADS as growth) (default: "12 48 192 480")
#   ASSESSMENTS            assessments per series (warm and cold) and mode          (default: 7)
#   INTEGRITY_THREADS      lifecycle threads (and as many report threads)           (default: 4)
#   INTEGRITY_LIFECYCLES   lifecycles of the integrity write load                   (default: 4000)
#   INTEGRITY_REPORTS      reports sent beside them                                 (default: 1000)
#   BURST                  lifecycles written while the log is stopped (its catch-up
#                          rate is the log's capacity; 0 = skip)                    (default: 1000)
#   VERIFICATIONS          full verifications timed after the load                  (default: 3)
#   LEAVES / REQUESTS      synthetic leaves of the proof tree / proofs per series   (default: 1000000 / 1000)
#   EXTRA_ARGS             more arguments for every run (e.g. Spring properties of the app)
#   BENCH_POSTGRES_URL     (default jdbc:postgresql://127.0.0.1:5432/test; user BENCH_POSTGRES_USER, default postgres)
set -uo pipefail

cd "$(dirname "$0")/.."
RUNS=${1:-${RUNS:-1}}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
WORKLOADS=${WORKLOADS:-reports growth assessment integrity proofs}
DBS=${DBS:-h2 postgres}
REPORT_MODES=${REPORT_MODES:-gateway http}
REPORT_THREADS=${REPORT_THREADS:-1 8}
GATEWAY_REPORTS=${GATEWAY_REPORTS:-2000}
HTTP_REPORTS=${HTTP_REPORTS:-1000}
REPORT_WARMUP=${REPORT_WARMUP:-200}
REPORTS_PER_AGREEMENT=${REPORTS_PER_AGREEMENT:-24}
GROWTH=${GROWTH:-12 48 192 480}
GROWTH_REPORTS=${GROWTH_REPORTS:-480}
ASSESSMENTS=${ASSESSMENTS:-7}
INTEGRITY_THREADS=${INTEGRITY_THREADS:-4}
INTEGRITY_LIFECYCLES=${INTEGRITY_LIFECYCLES:-4000}
INTEGRITY_REPORTS=${INTEGRITY_REPORTS:-1000}
VERIFICATIONS=${VERIFICATIONS:-3}
BURST=${BURST:-1000}
LEAVES=${LEAVES:-1000000}
REQUESTS=${REQUESTS:-1000}
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

out=benchmark/target/bench-results/issues-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
echo "results and logs: $out" >&2

# the value after "key": in a one-line JSON object (numbers, strings, booleans; not arrays)
field() { sed -E "s/.*\"$2\":\"?([^,\"}]*).*/\1/" <<<"$1"; }

# median of numbers on stdin (mean of the two middle ones for an even count)
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'
}

# run NAME ARGS...: RUNS JVMs of the benchmark, their BENCH-RESULT lines in $out/NAME.jsonl
run() {
  local name=$1
  shift
  local results=$out/$name.jsonl
  local run_no
  : >"$results"
  for ((run_no = 1; run_no <= RUNS; run_no++)); do
    local log=$out/$name-run$run_no.log
    echo "== $name run $run_no/$RUNS: $* (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$JAR" "$@" $EXTRA_ARGS >"$log" 2>&1
    local status=$?
    local line
    line=$(grep '^BENCH-RESULT ' "$log" | tail -1 | cut -d' ' -f2-)
    if [[ $status -ne 0 || -z $line ]]; then
      echo "   failed (exit $status), see $log" >&2
      continue
    fi
    echo "$line" >>"$results"
    grep -E '^(h2|postgres) |^  ' "$log" | sed 's/^/   /' >&2
  done
}

# med NAME KEY: the median of KEY over the runs of NAME
med() { while read -r l; do field "$l" "$2"; done <"$out/$1.jsonl" | median; }
ok() { wc -l <"$out/$1.jsonl"; }

dbs=()
for db in $DBS; do
  if [[ $db == postgres && $postgres_up != true ]]; then
    echo "PostgreSQL is not reachable at $pg_host:$pg_port: skipping the postgres rows" >&2
    continue
  fi
  dbs+=("$db")
done

tables=()
for workload in $WORKLOADS; do
  case $workload in
    reports)
      rows=("| db | mode | threads | agreements | reports/s | samples/s | p50 ms | p90 ms | p99 ms | max ms | projection catch-up ms | JVM CPU (share of cores) | reports per JVM CPU-second | peak heap MB | load avg before → after | runs ok |"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
      for db in "${dbs[@]}"; do
        for mode in $REPORT_MODES; do
          count=$GATEWAY_REPORTS
          [[ $mode == http ]] && count=$HTTP_REPORTS
          for threads in $REPORT_THREADS; do
            name=reports-$db-$mode-$threads
            run "$name" --workload=reports --db="$db" --mode="$mode" --threads="$threads" --reports="$count" \
              --warmup="$REPORT_WARMUP" --reports-per-agreement="$REPORTS_PER_AGREEMENT"
            [[ $(ok "$name") -eq 0 ]] && { rows+=("| $db | $mode | $threads | failed |"); continue; }
            catch=$(med "$name" catchUpMs)
            [[ $mode == http ]] && catch="n/a"
            rows+=("| $db | $mode | $threads | $(med "$name" agreements) | $(med "$name" opsPerSec) | $(med "$name" samplesPerSec) | $(med "$name" p50Ms) | $(med "$name" p90Ms) | $(med "$name" p99Ms) | $(med "$name" maxMs) | $catch | $(med "$name" cpuUtil) | $(med "$name" opsPerCpuSec) | $(med "$name" peakHeapMB) | $(med "$name" loadAvgBefore) → $(med "$name" loadAvgAfter) | $(ok "$name")/$RUNS |")
          done
        done
      done
      tables+=("" "Monitoring reports (4 pollutants x 30 samples, monthly periods): $GATEWAY_REPORTS (gateway) / $HTTP_REPORTS (http) reports after $REPORT_WARMUP warm-up, at most $REPORTS_PER_AGREEMENT reports per agreement" "" "${rows[@]}")
      ;;
    growth)
      rows=("| reports per agreement | agreements | reports/s | p50 ms | p90 ms | p99 ms | max ms | JVM CPU (share of cores) | reports per JVM CPU-second | load avg before → after | runs ok |"
        "|---|---|---|---|---|---|---|---|---|---|---|")
      for r in $GROWTH; do
        name=growth-h2-$r
        run "$name" --workload=reports --db=h2 --mode=gateway --threads=1 --reports="$GROWTH_REPORTS" \
          --warmup="$REPORT_WARMUP" --reports-per-agreement="$r"
        [[ $(ok "$name") -eq 0 ]] && { rows+=("| $r | failed |"); continue; }
        rows+=("| $r | $(med "$name" agreements) | $(med "$name" opsPerSec) | $(med "$name" p50Ms) | $(med "$name" p90Ms) | $(med "$name" p99Ms) | $(med "$name" maxMs) | $(med "$name" cpuUtil) | $(med "$name" opsPerCpuSec) | $(med "$name" loadAvgBefore) → $(med "$name" loadAvgAfter) | $(ok "$name")/$RUNS |")
      done
      tables+=("" "Reports per agreement (H2, gateway, 1 thread, $GROWTH_REPORTS reports round-robin over ceil($GROWTH_REPORTS / R) agreements)" "" "${rows[@]}")
      ;;
    assessment)
      rows=("| db | mode | warm median ms | warm min–max ms | warm JVM CPU ms | cold median ms | cold min–max ms | cold JVM CPU ms | samples | response bytes | load avg before → after | runs ok |"
        "|---|---|---|---|---|---|---|---|---|---|---|---|")
      for db in "${dbs[@]}"; do
        for mode in gateway http; do
          name=assessment-$db-$mode
          run "$name" --workload=assessment --db="$db" --mode="$mode" --assessments="$ASSESSMENTS"
          [[ $(ok "$name") -eq 0 ]] && { rows+=("| $db | $mode | failed |"); continue; }
          bytes=$(med "$name" responseBytes)
          [[ $mode == gateway ]] && bytes="n/a"
          rows+=("| $db | $mode | $(med "$name" warmMedianMs) | $(med "$name" warmMinMs)–$(med "$name" warmMaxMs) | $(med "$name" warmMedianCpuMs) | $(med "$name" coldMedianMs) | $(med "$name" coldMinMs)–$(med "$name" coldMaxMs) | $(med "$name" coldMedianCpuMs) | $(med "$name" samplesPerAssessment) | $bytes | $(med "$name" loadAvgBefore) → $(med "$name" loadAvgAfter) | $(ok "$name")/$RUNS |")
        done
      done
      tables+=("" "Assessment of a year of daily samples (12 monthly reports, 365 x 4 samples), $ASSESSMENTS per series, each on a fresh agreement" "" "${rows[@]}")
      ;;
    integrity)
      rows=("| db | load | events stored/s | leaves logged/s | lag at end (events) | max lag (events) | log caught up after (ms) | JVM CPU share (load) | load avg before → after | log capacity: backlog → leaves/s (per JVM CPU-s) | events in store | verification events/s (median) | verification s | runs ok |"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
      for db in "${dbs[@]}"; do
        name=integrity-$db
        run "$name" --workload=integrity --db="$db" --mode=gateway --threads="$INTEGRITY_THREADS" \
          --agreements="$INTEGRITY_LIFECYCLES" --reports="$INTEGRITY_REPORTS" --verifications="$VERIFICATIONS" \
          --burst="$BURST"
        [[ $(ok "$name") -eq 0 ]] && { rows+=("| $db | failed |"); continue; }
        rows+=("| $db | $INTEGRITY_LIFECYCLES lifecycles + $INTEGRITY_REPORTS reports, $INTEGRITY_THREADS+$INTEGRITY_THREADS threads | $(med "$name" eventsPerSec) | $(med "$name" leavesPerSec) | $(med "$name" lagAtEndEvents) | $(med "$name" maxLagEvents) | $(med "$name" catchUpMs) | $(med "$name" cpuUtil) | $(med "$name" loadAvgBefore) → $(med "$name" loadAvgAfter) | $(med "$name" backlogEvents) → $(med "$name" catchUpLeavesPerSec) ($(med "$name" catchUpLeavesPerCpuSec)) | $(med "$name" eventsInStore) | $(med "$name" verificationMedianEventsPerSec) | $(grep -o '"verificationSeconds":\[[^]]*\]' "$out/$name.jsonl" | head -1 | sed 's/.*\[//; s/\]//') | $(ok "$name")/$RUNS |")
      done
      tables+=("" "Integrity log under a write load (gateway) and full verification over HTTP" "" "${rows[@]}")
      ;;
    proofs)
      rows=("| db | leaves | signed heads | set-up s | inclusion p50/p99 ms (handler) | consistency p50/p99 ms (handler) | inclusion p50/p99 ms (HTTP) | consistency p50/p99 ms (HTTP) | verified / failed | tables MB | load avg before → after | runs ok |"
        "|---|---|---|---|---|---|---|---|---|---|---|---|")
      for db in "${dbs[@]}"; do
        name=proofs-$db
        run "$name" --workload=proofs --db="$db" --leaves="$LEAVES" --requests="$REQUESTS"
        [[ $(ok "$name") -eq 0 ]] && { rows+=("| $db | failed |"); continue; }
        rows+=("| $db | $LEAVES | $(med "$name" signedHeads) | $(med "$name" fillSeconds) | $(med "$name" inclusionHandlerP50Ms) / $(med "$name" inclusionHandlerP99Ms) | $(med "$name" consistencyHandlerP50Ms) / $(med "$name" consistencyHandlerP99Ms) | $(med "$name" inclusionHttpP50Ms) / $(med "$name" inclusionHttpP99Ms) | $(med "$name" consistencyHttpP50Ms) / $(med "$name" consistencyHttpP99Ms) | $(med "$name" proofsVerified) / $(med "$name" proofsFailed) | $(med "$name" storeMB) | $(med "$name" loadAvgBefore) → $(med "$name" loadAvgAfter) | $(ok "$name")/$RUNS |")
      done
      tables+=("" "Proofs over a stored tree of $LEAVES synthetic leaves, $REQUESTS requests per series, one at a time" "" "${rows[@]}")
      ;;
    *) echo "unknown workload $workload" >&2 ;;
  esac
done

{
  echo
  echo "Medians of $RUNS run(s) per row; JVM: $JAVA_OPTS${EXTRA_ARGS:+; extra: $EXTRA_ARGS}; $(nproc) cores"
  printf '%s\n' "${tables[@]}"
} | tee "$out/table.md"
