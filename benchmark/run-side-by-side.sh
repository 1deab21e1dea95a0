#!/usr/bin/env bash
# The ledger against vanilla Axon, side by side in one run (issue 11): the anchor in shared/anchors/axon-vanilla
# (a trivial Spring Boot + Axon 4.13 application) is copied to benchmark/target/axon-vanilla, built there offline,
# and its rows run interleaved with the ledger's, ROUNDS times, each run in a fresh JVM on a fresh H2 file. Prints
# the medians and the ledger's ratios to each vanilla row as a markdown table. See docs/benchmarks.md.
#
#   benchmark/run-side-by-side.sh [ROUNDS]
#
# Rows of one round, in this order:
#   vanilla-jpa          anchor, JPA engine, 8 threads, its H2 URL as shipped (H2's default WRITE_DELAY of 500 ms:
#                        a commit is answered before it is written to the file)
#   vanilla-replay       anchor, tracking processor with batch size 1 replaying the events vanilla-jpa left
#   ledger-gateway       lifecycle commands through the CommandGateway, 8 threads (--cpu-through-catch-up)
#   vanilla-jpa-durable  anchor, JPA engine, 8 threads, ;WRITE_DELAY=0 like the ledger (a commit is written first)
#   ledger-http          lifecycle requests over HTTP, 8 threads
#   vanilla-jdbc         anchor, JDBC engine, 8 threads, H2 as shipped
#   vanilla-jdbc-durable anchor, JDBC engine, 8 threads, ;WRITE_DELAY=0
#
# Environment (all optional):
#   VANILLA_SRC          the anchor's folder (default: the first of ../shared, ../../shared above the repository)
#   VANILLA_N            aggregates per vanilla run, 2 commands each   (default: 10000, the anchor's own default)
#   VANILLA_JAVA_OPTS    JVM options of the vanilla runs               (default: none, as the anchor documents)
#   JAVA_OPTS            JVM options of the ledger runs                (default: -Xmx512m)
#   GATEWAY_AGREEMENTS   lifecycles measured per ledger gateway run    (default: 2000)
#   HTTP_AGREEMENTS      lifecycles measured per ledger http run       (default: 1000)
#   WARMUP               ledger lifecycles run first, not counted      (default: 300)
#   THREADS              client threads of every command row           (default: 8)
#   LEDGER_ARGS          more arguments for the ledger's runs (Spring properties of the app to try)
#   LEDGER_B_ARGS        when set, each ledger row is followed by a "-b" row with these arguments added: an A/B
#                        of a setting in the same run, e.g. LEDGER_B_ARGS=--ledger.group-commit.enabled=false
#   ROWS                 a subset of the rows above, space-separated    (default: all)
#   TABLE_FROM           a results folder of an earlier (or interrupted) run: print its table again, run nothing
set -uo pipefail

cd "$(dirname "$0")/.."
# how this run was started, for the table's header
invocation=$(for v in VANILLA_N VANILLA_JAVA_OPTS JAVA_OPTS GATEWAY_AGREEMENTS HTTP_AGREEMENTS WARMUP THREADS LEDGER_ARGS \
  LEDGER_B_ARGS ROWS; do [[ -n ${!v:-} ]] && printf "%s='%s' " "$v" "${!v}"; done; echo "benchmark/run-side-by-side.sh $*")
ROUNDS=${1:-${ROUNDS:-3}}
VANILLA_N=${VANILLA_N:-10000}
VANILLA_JAVA_OPTS=${VANILLA_JAVA_OPTS:-}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
GATEWAY_AGREEMENTS=${GATEWAY_AGREEMENTS:-2000}
HTTP_AGREEMENTS=${HTTP_AGREEMENTS:-1000}
WARMUP=${WARMUP:-300}
THREADS=${THREADS:-8}
LEDGER_ARGS=${LEDGER_ARGS:-}
LEDGER_B_ARGS=${LEDGER_B_ARGS:-}
ROWS=${ROWS:-vanilla-jpa vanilla-replay ledger-gateway vanilla-jpa-durable ledger-http vanilla-jdbc vanilla-jdbc-durable}
JAR=benchmark/target/basin-ledger-benchmark.jar

field() { sed -E "s/.*\"$2\":\"?([^,\"}]*).*/\1/" <<<"$1"; }      # the value of "key": in a one-line JSON object
kv() { sed -nE "s/.*[ ]$2=([^ ]*).*/\1/p" <<<"$1"; }               # the value of key= in the anchor's RESULT line
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m }'
}
load() { cut -d' ' -f1 /proc/loadavg; }

# vanilla ROW ROUND DBDIR ARGS...: one anchor JVM; appends "value load" to ROW's values, or reports the failure
vanilla() {
  local row=$1 round=$2 dir=$3; shift 3
  local log=$out/$row-$round.log before
  before=$(load)
  # shellcheck disable=SC2086
  timeout 900 java $VANILLA_JAVA_OPTS -jar "$VANILLA_JAR" --logging.level.org.springframework.core.annotation=ERROR \
    --bench.threads="$THREADS" --bench.n="$VANILLA_N" "$@" >"$log" 2>&1
  local status=$? line value
  line=$(grep '^RESULT ' "$log" | tail -1)
  value=$(kv "$line" cmd_per_s)
  [[ -z $value ]] && value=$(kv "$line" events_per_s)
  if [[ $status -ne 0 || -z $value ]]; then
    echo "   $row round $round failed (exit $status), see $log" >&2
    return 1
  fi
  echo "$value $before" >>"$out/$row.values"
  echo "   $row: $value/s (load $before)" >&2
}

# ledger ROW ROUND ARGS...: one ledger benchmark JVM; appends its BENCH-RESULT line to ROW's results
ledger() {
  local row=$1 round=$2; shift 2
  local log=$out/$row-$round.log
  # shellcheck disable=SC2086
  timeout 1800 java $JAVA_OPTS -jar "$JAR" --db=h2 --threads="$THREADS" --warmup="$WARMUP" "$@" $LEDGER_ARGS \
    >"$log" 2>&1
  local status=$? line
  line=$(grep '^BENCH-RESULT ' "$log" | tail -1 | cut -d' ' -f2-)
  if [[ $status -ne 0 || -z $line || $(field "$line" errors) != 0 ]]; then
    echo "   $row round $round failed (exit $status), see $log" >&2
    return 1
  fi
  echo "$line" >>"$out/$row.jsonl"
  echo "$(field "$line" opsPerSec) $(field "$line" loadAvgBefore)" >>"$out/$row.values"
  echo "   $row: $(field "$line" opsPerSec) $(field "$line" unit)/s, p50 $(field "$line" p50Ms) ms," \
    "p99 $(field "$line" p99Ms) ms, catch-up $(field "$line" catchUpMs) ms" >&2
}

h2url() { echo "jdbc:h2:file:$(realpath "$1")/h2db$2"; }

if [[ -n ${TABLE_FROM:-} ]]; then
  out=$TABLE_FROM
  started=$(cat "$out/started.txt")
  settings=$(cat "$out/settings.txt")
else
  if [[ -z ${VANILLA_SRC:-} ]]; then
    for candidate in ../shared/anchors/axon-vanilla ../../shared/anchors/axon-vanilla; do
      [[ -f $candidate/pom.xml ]] && { VANILLA_SRC=$candidate; break; }
    done
  fi
  if [[ -z ${VANILLA_SRC:-} || ! -f $VANILLA_SRC/pom.xml ]]; then
    echo "the vanilla anchor was not found: set VANILLA_SRC to shared/anchors/axon-vanilla" >&2
    exit 1
  fi

  # the anchor is read-only and not ours: build a scratch copy (never committed: benchmark/target is ignored)
  VANILLA_DIR=benchmark/target/axon-vanilla
  VANILLA_JAR=$VANILLA_DIR/target/axon-vanilla.jar
  rm -rf "$VANILLA_DIR"
  mkdir -p "$VANILLA_DIR"
  cp -r "$VANILLA_SRC"/. "$VANILLA_DIR"/
  chmod -R u+w "$VANILLA_DIR"
  rm -rf "$VANILLA_DIR/target"
  echo "building the vanilla anchor from $VANILLA_SRC (offline)" >&2
  (cd "$VANILLA_DIR" && mvn -o -B -q -DskipTests package) || { echo "building the anchor failed" >&2; exit 1; }
  if [[ ! -f $JAR ]]; then
    echo "building $JAR (offline)" >&2
    mvn -o -B -q -pl benchmark -am package -DskipTests || exit 1
  fi

  started=$(date -u +%FT%TZ)
  out=benchmark/target/bench-results/side-by-side-$(date +%Y%m%d-%H%M%S)
  data=$out/data
  mkdir -p "$out" "$data"
  echo "results and logs: $out" >&2
  settings="$ROUNDS round(s); ledger $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD 2>/dev/null || echo '+changes'), JVM $JAVA_OPTS, gateway $GATEWAY_AGREEMENTS / http $HTTP_AGREEMENTS lifecycles after $WARMUP warm-up${LEDGER_ARGS:+, $LEDGER_ARGS}${LEDGER_B_ARGS:+, -b rows: $LEDGER_B_ARGS}; vanilla $VANILLA_N aggregates ($((2 * VANILLA_N)) commands)${VANILLA_JAVA_OPTS:+, JVM $VANILLA_JAVA_OPTS}; $THREADS threads"
  echo "$started" >"$out/started.txt"
  echo "$settings" >"$out/settings.txt"
  echo "$invocation" >"$out/command.txt"

  for ((round = 1; round <= ROUNDS; round++)); do
    jpa_dir=""
    for row in $ROWS; do
      echo "== round $round/$ROUNDS: $row (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
      dir=$data/$row-$round
      case $row in
        vanilla-jpa)
          mkdir -p "$dir" && jpa_dir=$dir
          vanilla "$row" "$round" "$dir" --bench.mode=commands --spring.datasource.url="$(h2url "$dir" "")" ;;
        vanilla-replay)
          # replays what vanilla-jpa of this round left (or fills a store first when that row is not run)
          if [[ -z $jpa_dir ]]; then
            jpa_dir=$dir && mkdir -p "$dir"
            vanilla vanilla-replay-fill "$round" "$dir" --bench.mode=commands --spring.datasource.url="$(h2url "$dir" "")"
          fi
          vanilla "$row" "$round" "$jpa_dir" --bench.mode=replay --bench.batch=1 \
            --spring.datasource.url="$(h2url "$jpa_dir" "")" ;;
        vanilla-jpa-durable)
          mkdir -p "$dir"
          vanilla "$row" "$round" "$dir" --bench.mode=commands --spring.datasource.url="$(h2url "$dir" ";WRITE_DELAY=0")" ;;
        vanilla-jdbc)
          mkdir -p "$dir"
          vanilla "$row" "$round" "$dir" --spring.profiles.active=jdbc --bench.mode=commands \
            --spring.datasource.url="$(h2url "$dir" "")" ;;
        vanilla-jdbc-durable)
          mkdir -p "$dir"
          vanilla "$row" "$round" "$dir" --spring.profiles.active=jdbc --bench.mode=commands \
            --spring.datasource.url="$(h2url "$dir" ";WRITE_DELAY=0")" ;;
        ledger-gateway)
          ledger "$row" "$round" --mode=gateway --agreements="$GATEWAY_AGREEMENTS" --cpu-through-catch-up
          # shellcheck disable=SC2086
          [[ -n $LEDGER_B_ARGS ]] && ledger "$row-b" "$round" --mode=gateway --agreements="$GATEWAY_AGREEMENTS" \
            --cpu-through-catch-up $LEDGER_B_ARGS ;;
        ledger-http)
          ledger "$row" "$round" --mode=http --agreements="$HTTP_AGREEMENTS"
          # shellcheck disable=SC2086
          [[ -n $LEDGER_B_ARGS ]] && ledger "$row-b" "$round" --mode=http --agreements="$HTTP_AGREEMENTS" $LEDGER_B_ARGS ;;
        *) echo "unknown row $row" >&2; exit 1 ;;
      esac
      [[ $dir != "$jpa_dir" ]] && rm -rf "$dir"    # vanilla-jpa's store stays for vanilla-replay until the round ends
    done
    [[ -n $jpa_dir ]] && rm -rf "$jpa_dir"
  done
fi

med_of() { [[ -f $out/$1.values ]] && cut -d' ' -f1 "$out/$1.values" | median || echo "-"; }
runs_of() { [[ -f $out/$1.values ]] && cut -d' ' -f1 "$out/$1.values" | paste -sd' ' | sed 's/ /, /g' || echo "-"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f×", a / b; else print "-" }'; }
ledger_med() { [[ -f $out/$1.jsonl ]] && while read -r l; do field "$l" "$2"; done <"$out/$1.jsonl" | median || echo "-"; }
loads=$(cat "$out"/*.values 2>/dev/null | cut -d' ' -f2 | sort -g | sed -n '1p;$p' | paste -sd'-')
vanilla_rows="vanilla-jpa vanilla-jpa-durable vanilla-jdbc vanilla-jdbc-durable"
ledger_rows="ledger-gateway ledger-gateway-b ledger-http ledger-http-b"

{
  echo
  echo "Side by side, $started to $(date -u -r "$(ls -t "$out"/*.values | head -1)" +%FT%TZ), $(nproc) cores, load average (1 min) before the runs $loads; $settings"
  echo
  echo "Command: \`$(cat "$out/command.txt")\`"
  echo
  header="| row | median | runs |"
  rule="|---|---|---|"
  for v in $vanilla_rows; do
    [[ -f $out/$v.values ]] && { header="$header ÷ $v |"; rule="$rule---|"; }
  done
  echo "$header"
  echo "$rule"
  for row in $vanilla_rows vanilla-replay $ledger_rows; do
    [[ -f $out/$row.values ]] || continue
    unit="commands/s"
    [[ $row == vanilla-replay ]] && unit="events/s, batch 1"
    [[ $row == ledger-http* ]] && unit="requests/s"
    line="| $row ($unit) | **$(med_of "$row")** | $(runs_of "$row") |"
    for v in $vanilla_rows; do
      [[ -f $out/$v.values ]] || continue
      if [[ $row == ledger-* ]]; then line="$line $(ratio "$(med_of "$row")" "$(med_of "$v")") |"; else line="$line |"; fi
    done
    echo "$line"
  done
  echo
  echo "| ledger row | p50 ms | p99 ms | CPU (of all cores) | per CPU-second | read models' catch-up ms | per CPU-second through catch-up | peak heap MB |"
  echo "|---|---|---|---|---|---|---|---|"
  for row in $ledger_rows; do
    [[ -f $out/$row.jsonl ]] || continue
    catch=$(ledger_med "$row" catchUpMs) through=$(ledger_med "$row" opsPerCpuSecThroughCatchUp)
    [[ $row == ledger-http* ]] && { catch="0 (answers wait for them)"; through="n/a"; }
    echo "| $row | $(ledger_med "$row" p50Ms) | $(ledger_med "$row" p99Ms) | $(ledger_med "$row" cpuUtil) |" \
      "$(ledger_med "$row" opsPerCpuSec) | $catch | $through | $(ledger_med "$row" peakHeapMB) |"
  done
} | tee "$out/table.md"
