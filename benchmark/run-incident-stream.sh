#!/usr/bin/env bash
# Issue 14: from command to event on the incident stream. LISTENERS clients listen to GET /api/v1/incidents/stream
# (of one agreement); ROUNDS incidents are raised over HTTP one after the other, each timed from just before its
# POST to its `raised` event at every listener. One run; prints the result as a markdown table. Loopback only.
# Not run by CI. See docs/benchmarks.md ("Incident alerts on the live stream").
#
#   benchmark/run-incident-stream.sh
#
# Environment (all optional):
#   JAVA_OPTS        JVM options                          (default: -Xmx768m -XX:+ExitOnOutOfMemoryError)
#   LISTENERS        stream listeners                     (default: 100; all from 127.0.0.1, so the run raises
#                    ledger.streams.per-client to LISTENERS + 28)
#   ROUNDS           incidents raised, one at a time      (default: 200)
#   DB               h2 or postgres                       (default: h2)
#   NODES            1, or 2: a second node on the same PostgreSQL schema (DB=postgres, ledger.several-nodes) serves
#                    the streams while the incidents are raised through the first (issue 17, live updates across
#                    nodes); the table then also gives the delay from the POST's answer to the event on node 2
#   EXTRA_ARGS       more arguments
set -uo pipefail

cd "$(dirname "$0")/.."
JAVA_OPTS=${JAVA_OPTS:--Xmx768m -XX:+ExitOnOutOfMemoryError}
LISTENERS=${LISTENERS:-100}
ROUNDS=${ROUNDS:-200}
DB=${DB:-h2}
NODES=${NODES:-1}
EXTRA_ARGS=${EXTRA_ARGS:-}
JAR=benchmark/target/basin-ledger-benchmark.jar

if [[ ! -f $JAR ]]; then
  echo "building $JAR" >&2
  mvn -q -DskipTests package || exit 1
fi

out=benchmark/target/bench-results/incident-stream-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
log=$out/run.log
echo "results and log: $out (uptime before: $(uptime))" >&2
NODE_ARGS=
if [[ $NODES == 2 ]]; then
  if [[ $DB != postgres ]]; then
    echo "NODES=2 needs DB=postgres" >&2
    exit 2
  fi
  NODE_ARGS="--ledger.several-nodes=true --ledger.node-id=bench-a --bench.second-node=true"
fi
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --workload=incident-stream --db="$DB" --listeners="$LISTENERS" --rounds="$ROUNDS" \
  --ledger.streams.per-client=$((LISTENERS + 28)) $NODE_ARGS $EXTRA_ARGS >"$log" 2>&1
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
  echo "$(field rounds) incidents raised one at a time to $(field listeners) listeners; $DB; $(field nodes) node(s); JVM: $JAVA_OPTS; $(nproc) cores; load average $(field loadAvgBefore) → $(field loadAvgAfter); uptime after: $(uptime)"
  echo
  echo "| command → event on the stream, p50 / p90 / p99 / max ms | POST answered, p50 / p99 ms | answer → event, p50 / p99 / max ms | events | missing | duplicates |"
  echo "|---|---|---|---|---|---|"
  echo "| $(field deliveryP50Ms) / $(field deliveryP90Ms) / $(field deliveryP99Ms) / $(field deliveryMaxMs) | $(field commandP50Ms) / $(field commandP99Ms) | $(field afterAnswerP50Ms) / $(field afterAnswerP99Ms) / $(field afterAnswerMaxMs) | $(field events) | $(field missingEvents) | $(field duplicateEvents) |"
} | tee "$out/table.md"
exit $status
