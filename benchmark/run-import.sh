#!/usr/bin/env bash
# Issue 11 (2), "Ten years in one H2 file": generates 10 years of daily samples of 6 indicators at 300 sections of
# 100 agreements (about 6.6 M samples), starts the packaged ledger with -Xmx512m on a fresh H2 file, imports them
# with the importer through the batch endpoint (timed), then measures status-read p99, history-page p99 and restart
# to ready, and prints them with the load average. See docs/benchmarks.md ("Ten years in one H2 file").
#
#   benchmark/run-import.sh [--name=value ...]     (options of ImportBenchmark, e.g. --years=1 --agreements=10)
#
# Environment (all optional):
#   LEDGER_OPTS   JVM options of the ledger        (default: -Xmx512m)
#   JFR=1         record the ledger with Java Flight Recorder into the work directory (ledger-first.jfr: the import and
#                 the reads; ledger-restart.jfr: the restart)
#   WORK          scratch directory (samples.csv of ~440 MB, the H2 file, logs)  (default: benchmark/target/import-bench/<time>)
set -uo pipefail

cd "$(dirname "$0")/.."
LEDGER_OPTS=${LEDGER_OPTS:--Xmx512m}
WORK=${WORK:-benchmark/target/import-bench/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$WORK"
if [[ ${JFR:-0} == 1 ]]; then
  LEDGER_OPTS="$LEDGER_OPTS -XX:StartFlightRecording=filename=$(realpath "$WORK")/ledger-{start}.jfr,settings=profile"
fi
for jar in app/target/basin-ledger.jar importer/target/basin-ledger-importer.jar benchmark/target/basin-ledger-benchmark.jar; do
  if [[ ! -f $jar ]]; then
    echo "building the jars ($jar is missing)" >&2
    mvn -q -DskipTests package || exit 1
    break
  fi
done
echo "uptime before: $(uptime)" >&2
java -jar benchmark/target/basin-ledger-benchmark.jar --workload=import --work="$WORK" \
  --ledger-opts="$LEDGER_OPTS" "$@" | tee "$WORK/result.md"
status=${PIPESTATUS[0]}
echo "uptime after: $(uptime)" >&2
echo "work directory (logs, data, result.md): $WORK" >&2
exit "$status"
