#!/usr/bin/env bash
# Issue 10 (B): the ledger keeps answering while 5,000 live streams (GET /api/v1/agreements/{id}/stream) are
# attempted from several loopback source addresses (127.0.0.1 to 127.0.0.N). One run; it stops by itself after
# the attempts (or STREAM_SECONDS), closes every stream and prints the result as a markdown table. Loopback only.
# Not run by CI. See docs/benchmarks.md ("Live streams under attack").
#
#   benchmark/run-streams.sh
#
# Environment (all optional):
#   JAVA_OPTS        JVM options                                         (default: -Xmx512m -XX:+ExitOnOutOfMemoryError)
#   STREAMS          streams attempted                                   (default: 5000)
#   SOURCES          loopback source addresses                           (default: 70: past 8 streams some
#                    addresses get 429 while the ledger's 500 in all give the others 503)
#   STREAM_THREADS   attempts under way at once                          (default: 64)
#   STREAM_SECONDS   the attempts stop after this long at the latest     (default: 120)
#   DB               h2 or postgres                                      (default: h2)
#   EXTRA_ARGS       more arguments (e.g. --ledger.streams.total=200)
set -uo pipefail

cd "$(dirname "$0")/.."
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:+ExitOnOutOfMemoryError}
STREAMS=${STREAMS:-5000}
SOURCES=${SOURCES:-70}
STREAM_THREADS=${STREAM_THREADS:-64}
STREAM_SECONDS=${STREAM_SECONDS:-120}
DB=${DB:-h2}
EXTRA_ARGS=${EXTRA_ARGS:-}
JAR=benchmark/target/basin-ledger-benchmark.jar

if [[ ! -f $JAR ]]; then
  echo "building $JAR" >&2
  mvn -q -DskipTests package || exit 1
fi

out=benchmark/target/bench-results/streams-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
log=$out/run.log
echo "results and log: $out (uptime before: $(uptime))" >&2
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --workload=streams --db="$DB" --streams="$STREAMS" --sources="$SOURCES" \
  --stream-threads="$STREAM_THREADS" --stream-seconds="$STREAM_SECONDS" $EXTRA_ARGS >"$log" 2>&1
status=$?
line=$(grep '^BENCH-RESULT ' "$log" | tail -1 | cut -d' ' -f2-)
if [[ -z $line ]]; then
  echo "failed (exit $status), see $log" >&2
  exit 1
fi
echo "$line" >"$out/result.json"
field() { sed -E "s/.*\"$1\":\"?([^,\"}]*).*/\1/" <<<"$line"; }
{
  echo
  echo "$(field attempted) streams attempted from $(field sources) loopback addresses, $(field streamThreads) at a time, in $(field seconds) s; $DB; JVM: $JAVA_OPTS; $(nproc) cores; uptime after: $(uptime)"
  echo
  echo "| answered 200 (held) | 429 | 503 | other | failed | refusals without Retry-After | open on the server at the end → after closing |"
  echo "|---|---|---|---|---|---|---|"
  echo "| $(field answered200) | $(field answered429) | $(field answered503) | $(field answeredOther) | $(field failed) | $(field refusalsWithoutRetryAfter) | $(field openOnServerAtEnd) → $(field openOnServerAfterClose) (in $(field releasedAfterSeconds) s) |"
  echo
  echo "| probe | before p50 / p99 ms | during p50 / p99 ms (max) | after p50 / p99 ms | errors before / during / after |"
  echo "|---|---|---|---|---|"
  echo "| status view | $(field beforeStatusP50Ms) / $(field beforeStatusP99Ms) | $(field duringStatusP50Ms) / $(field duringStatusP99Ms) ($(field duringStatusMaxMs)) | $(field afterStatusP50Ms) / $(field afterStatusP99Ms) | $(field beforeProbeErrors) / $(field duringProbeErrors) / $(field afterProbeErrors) (both probes) |"
  echo "| /actuator/health | $(field beforeHealthP50Ms) / $(field beforeHealthP99Ms) | $(field duringHealthP50Ms) / $(field duringHealthP99Ms) ($(field duringHealthMaxMs)) | $(field afterHealthP50Ms) / $(field afterHealthP99Ms) | |"
  echo
  echo "Attempt (connect to status line) p50 / p99: $(field attemptP50Ms) / $(field attemptP99Ms) ms; heap: peak $(field peakHeapMB) MB during, $(field heapAfterGcMB) MB after GC, of $(field maxHeapMB) MB; JVM CPU share $(field cpuUtil); load average $(field loadAvgBefore) → $(field loadAvgAfter)"
} | tee "$out/table.md"
exit $status
