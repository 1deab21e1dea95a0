#!/usr/bin/env bash
# Issue 17, the 2-node row: the agreement lifecycle over HTTP against 1 node and against 2 nodes (two JVMs of the
# packaged app/target/basin-ledger.jar) on one PostgreSQL, interleaved ROUNDS times in one run, each run on a fresh
# schema, the client in a third JVM. Prints the medians, the 2-node row's ratios to the 1-node row, and the
# correctness checks (nothing lost, nothing applied twice, the integrity log complete and verified) as a markdown
# table. See docs/benchmarks.md ("Two nodes on one PostgreSQL").
#
#   benchmark/run-nodes.sh [ROUNDS]
#
# Rows of one round, in this order:
#   one   1 node, as deployed alone (ledger.several-nodes false: aggregate caches on)
#   two   2 nodes, ledger.several-nodes true, role both, one signing key; every client thread sends each request of
#         a lifecycle to the other node than its previous one (SPREAD=request), so every read and every write
#         follows a write answered by the other node
#   split        2 nodes: node 1 of role query (reads, the processors), node 2 of role command (writes); the
#                client sends GETs to node 1 and the rest to node 2, as a load balancer routing by method would
#   one-several  (not by default) 1 node with ledger.several-nodes true: what the setting alone costs
#
# Environment (all optional):
#   AGREEMENTS   lifecycles measured per run                  (default: 60)
#   WARMUP       lifecycles run first, not counted            (default: 16)
#   THREADS      client threads                               (default: 8)
#   PARTIES      parties (signatures) per agreement           (default: 3)
#   SPREAD       request or lifecycle (each lifecycle on one node, the nodes in turn)   (default: request)
#   LEDGER_OPTS  JVM options of every node                    (default: -Xmx512m)
#   LEDGER_ARGS  more arguments of every node
#   LEDGER_B_ARGS  when set, each row is followed by a "-b" row with these arguments added to every node: an A/B of
#                a setting in the same run, e.g. LEDGER_B_ARGS=--ledger.event-store.fetch-delay=100ms
#   ROWS         a subset of the rows, space-separated        (default: one two split)
#   BENCH_POSTGRES_URL, BENCH_POSTGRES_USER, BENCH_POSTGRES_PASSWORD   (default: 127.0.0.1:5432/test as postgres)
#   TABLE_FROM   a results folder of an earlier (or interrupted) run: print its table again, run nothing
set -uo pipefail

cd "$(dirname "$0")/.."
invocation=$(for v in AGREEMENTS WARMUP THREADS PARTIES SPREAD LEDGER_OPTS LEDGER_ARGS LEDGER_B_ARGS ROWS; do
  [[ -n ${!v:-} ]] && printf "%s='%s' " "$v" "${!v}"; done; echo "benchmark/run-nodes.sh $*")
ROUNDS=${1:-${ROUNDS:-2}}
AGREEMENTS=${AGREEMENTS:-60}
WARMUP=${WARMUP:-16}
THREADS=${THREADS:-8}
PARTIES=${PARTIES:-3}
SPREAD=${SPREAD:-request}
LEDGER_OPTS=${LEDGER_OPTS:--Xmx512m}
LEDGER_ARGS=${LEDGER_ARGS:-}
LEDGER_B_ARGS=${LEDGER_B_ARGS:-}
ROWS=${ROWS:-one two split}
JAR=benchmark/target/basin-ledger-benchmark.jar
APP_JAR=app/target/basin-ledger.jar

field() { grep -oE "\"$2\":\"?[^,\"}]*" <<<"$1" | head -1 | sed -E 's/^[^:]*:"?//'; }   # "key": in one-line JSON
list() { sed -E "s/.*\"$2\":\[([^]]*)\].*/\1/" <<<"$1" | sed 's/,/ + /g'; }
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'
}

failed=0
if [[ -n ${TABLE_FROM:-} ]]; then
  out=$TABLE_FROM
  started=$(cat "$out/started.txt" 2>/dev/null || date -u -r "$out/command.txt" +%FT%TZ)
  ROWS=$(for row in one two split one-several; do [[ -f $out/$row.jsonl ]] && echo "$row"; done | paste -sd' ')
  [[ -n $(ls "$out"/*-b.jsonl 2>/dev/null) ]] && LEDGER_B_ARGS=$(cat "$out/b-args.txt" 2>/dev/null || echo "?")
  ROUNDS=$(for f in "$out"/*.jsonl; do wc -l <"$f"; done | sort -g | tail -1)
  first=$(head -1 "$(ls "$out"/*.jsonl | head -1)")
  AGREEMENTS=$(field "$first" agreements) WARMUP=$(field "$first" warmup) THREADS=$(field "$first" threads)
  PARTIES=$(field "$first" parties) SPREAD=$(field "$first" spread)
else
if [[ ! -f $JAR || ! -f $APP_JAR ]]; then
  echo "building $JAR and $APP_JAR (offline)" >&2
  mvn -o -B -q -pl benchmark -am package -DskipTests || exit 1
fi

started=$(date -u +%FT%TZ)
out=benchmark/target/bench-results/nodes-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
echo "results and logs: $out" >&2
echo "$invocation" >"$out/command.txt"
echo "$started" >"$out/started.txt"
[[ -n $LEDGER_B_ARGS ]] && echo "$LEDGER_B_ARGS" >"$out/b-args.txt"
echo "$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD 2>/dev/null || echo '+changes')" >"$out/ledger.txt"
for ((round = 1; round <= ROUNDS; round++)); do
  for row in $(for r in $ROWS; do echo "$r"; [[ -n $LEDGER_B_ARGS ]] && echo "$r-b"; done); do
    case ${row%-b} in
      one) args=(--nodes=1) ;;
      two) args=(--nodes=2) ;;
      split) args=(--nodes=2 --roles=query,command) ;;
      one-several) args=(--nodes=1 --several=true) ;;
      *) echo "unknown row $row" >&2; exit 1 ;;
    esac
    node_args=$LEDGER_ARGS
    [[ $row == *-b ]] && node_args="$LEDGER_ARGS $LEDGER_B_ARGS"
    echo "== round $round/$ROUNDS: $row (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    log=$out/$row-$round.log
    timeout 1800 java -Xmx256m -jar "$JAR" --workload=nodes "${args[@]}" --agreements="$AGREEMENTS" \
      --warmup="$WARMUP" --threads="$THREADS" --parties="$PARTIES" --spread="$SPREAD" --ledger-opts="$LEDGER_OPTS" \
      --ledger-jar="$APP_JAR" --ledger-args="$node_args" --work="$out/$row-$round" >"$log" 2>&1
    status=$?
    line=$(grep '^BENCH-RESULT ' "$log" | tail -1 | cut -d' ' -f2-)
    if [[ -z $line ]]; then
      echo "   $row round $round failed (exit $status), see $log" >&2
      failed=1
      continue
    fi
    echo "$line" >>"$out/$row.jsonl"
    [[ $status -ne 0 ]] && { echo "   $row round $round: checks failed (exit $status), see $log" >&2; failed=1; }
    echo "   $row: $(field "$line" opsPerSec) requests/s, p50 $(field "$line" p50Ms) ms, p99 $(field "$line" p99Ms) ms," \
      "CPU $(field "$line" cpuMsPerOp) ms/request, correct $(field "$line" correct)" >&2
  done
done
fi

med() { [[ -f $out/$1.jsonl ]] && while read -r l; do field "$l" "$2"; done <"$out/$1.jsonl" | median || echo "-"; }
all() { [[ -f $out/$1.jsonl ]] && while read -r l; do field "$l" "$2"; done <"$out/$1.jsonl" | paste -sd' ' | sed 's/ /, /g'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f×", a / b; else print "-" }'; }
loads=$(cat "$out"/*.jsonl 2>/dev/null | while read -r l; do field "$l" loadAvgBefore; done | sort -g | sed -n '1p;$p' | paste -sd'-')
{
  echo
  echo "Nodes, $started to $(date -u +%FT%TZ), $(nproc) cores, load average (1 min) before the measured phases $loads;" \
    "$ROUNDS round(s); ledger $(cat "$out/ledger.txt" 2>/dev/null || echo '?');" \
    "$AGREEMENTS lifecycles ($((2 + 2 * PARTIES)) requests each) after ${WARMUP:-?} warm-up, $THREADS client threads," \
    "spread $SPREAD; nodes $LEDGER_OPTS${LEDGER_ARGS:+ $LEDGER_ARGS}${LEDGER_B_ARGS:+; -b rows: $LEDGER_B_ARGS};" \
    "PostgreSQL ${BENCH_POSTGRES_URL:-127.0.0.1:5432/test}"
  echo
  echo "Command: \`$(cat "$out/command.txt")\`"
  echo
  echo "| row | requests/s (runs) | p50 ms | p99 ms | node CPU ms per request | read models' catch-up ms | integrity log's catch-up ms | peak RSS MB per node (last run) |"
  echo "|---|---|---|---|---|---|---|---|"
  all_rows=$(for r in $ROWS; do echo "$r $r-b"; done)
  for row in $all_rows; do
    [[ -f $out/$row.jsonl ]] || continue
    last=$(tail -1 "$out/$row.jsonl")
    echo "| $row | **$(med "$row" opsPerSec)** ($(all "$row" opsPerSec)) | $(med "$row" p50Ms) | $(med "$row" p99Ms) |" \
      "$(med "$row" cpuMsPerOp) | $(med "$row" readModelsCatchUpMs) | $(med "$row" integrityLogCatchUpMs) | $(list "$last" peakRssMB) |"
  done
  for row in $all_rows; do
    base=one
    [[ $row == *-b ]] && base=${row%-b}
    [[ $row == one || ! -f $out/$row.jsonl || ! -f $out/$base.jsonl ]] && continue
    echo "| $row ÷ $base | $(ratio "$(med "$row" opsPerSec)" "$(med $base opsPerSec)") | $(ratio "$(med "$row" p50Ms)" "$(med $base p50Ms)") |" \
      "$(ratio "$(med "$row" p99Ms)" "$(med $base p99Ms)") | $(ratio "$(med "$row" cpuMsPerOp)" "$(med $base cpuMsPerOp)") | | | |"
  done
  echo
  echo "| row, run | lifecycles answered | in force (lost) | agreements stored | events per agreement | signatures | events = integrity leaves | verification |"
  echo "|---|---|---|---|---|---|---|---|"
  for row in $all_rows; do
    [[ -f $out/$row.jsonl ]] || continue
    n=0
    while read -r l; do
      n=$((n + 1))
      echo "| $row, $n | $(field "$l" lifecyclesAnswered) | $(field "$l" inForce) ($(field "$l" lost)) | $(field "$l" agreementsStored) |" \
        "$(field "$l" eventsPerAgreement) | $(field "$l" signatures) | $(field "$l" eventsStored) = $(field "$l" integrityLeaves) |" \
        "ok $(field "$l" verificationOk), tree $(field "$l" verifiedTreeSize) |"
    done <"$out/$row.jsonl"
  done
} | tee "$out/table.md"
exit $failed
