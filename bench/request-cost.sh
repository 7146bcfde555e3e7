#!/usr/bin/env bash
# What one request costs the machine: CPU time of every Signalbox process per request, and the gateway's thread
# switches per request, at a fixed open-loop rate through the full path (key check, rate limits, a real
# routing-service decision, the proxied call to the harness's mock upstream, the usage event and its consumers).
# Latency on this 2-core machine moves with whatever else runs; these counts move much less, so they are what
# an A/B of a hot-path change compares (docs/benchmarks.md, session 16). It uses the jars already built in this
# checkout, so two checkouts can be compared in turns:
#
#   ./mvnw -q -DskipTests -pl local-stack -am package
#   RATE=1000 DURATION=30 WINDOWS=2 bench/request-cost.sh
#
# RAMP="rate:seconds ..." is the warm-up before the measured windows (the JIT must be done compiling, or the
# windows measure the compilers). HARNESS=path points at the shared harness, whose mock upstream it starts
# (and stops, if it started it). PORT_OFFSET (default 20000) moves Signalbox's ports. Needs h2load.
set -euo pipefail
cd "$(dirname "$0")/.."
HARNESS=${HARNESS:-../shared/bench/gateway-overhead}
RATE=${RATE:-1000} DURATION=${DURATION:-30} WINDOWS=${WINDOWS:-2}
RAMP=${RAMP:-"100:20 300:30 600:40 900:40 $RATE:40"}
[ -x "$HARNESS/peers.sh" ] || { echo "The benchmark harness is not at $HARNESS (set HARNESS=...)." >&2; exit 1; }
command -v h2load > /dev/null || { echo "h2load is needed (the harness's setup.sh installs it)." >&2; exit 1; }
JAR=local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar
[ -f "$JAR" ] || { echo "Build first: ./mvnw -q -DskipTests -pl local-stack -am package" >&2; exit 1; }
. bin/select-jdk.sh
select_jdk
export PATH="$JAVA_HOME/bin:$PATH"

. bench/stack.sh
start_bench_stack signalbox-cost
stop() {
  if [ -n "${MOCK_STARTED:-}" ]; then "$HARNESS/peers.sh" stop mock > /dev/null 2>&1 || true; fi
  if kill -0 "$STACK_PID" 2>/dev/null; then kill -TERM "$STACK_PID"; wait "$STACK_PID" 2>/dev/null || true; fi
}
trap stop EXIT
await_bench_stack
if "$HARNESS/peers.sh" start mock > /dev/null; then MOCK_STARTED=1; fi

BODY="$WORK/body.json"
echo '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16}' > "$BODY"
# one request per client every 100 ms, the clients' starts spread over those 100 ms (as the harness does)
load() { # rate seconds
  local clients=$(( ($1 + 9) / 10 ))
  timeout $(( $2 + 30 )) h2load --h1 -t 1 -m 1 -c "$clients" --rps 10 -r 1 \
    --rate-period "$(( 100 / clients > 0 ? 100 / clients : 1 ))ms" -n $(( $1 * $2 )) \
    -H "Authorization: Bearer $BENCH_KEY" -H 'content-type: application/json' -d "$BODY" \
    "$GATEWAY_URL/v1/chat/completions" | grep -E "^requests:|^time for request:" || true
}
for step in $RAMP; do
  echo "== warming up: ${step%%:*} req/s for ${step##*:} s"
  load "${step%%:*}" "${step##*:}" > /dev/null
done

# every process the launcher started, and PostgreSQL's, which detaches from it (found by its port)
descendants() { local child; for child in $(pgrep -P "$1"); do echo "$child"; descendants "$child"; done; }
name_of() {
  case "$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null)" in
    *edge-gateway*) echo gateway ;; *routing-service*) echo routing ;; *telemetry-service*) echo telemetry ;;
    *cost-service*) echo cost ;; *model-registry*) echo registry ;; *postgres*) echo postgres ;;
    *redis*) echo redis ;; *local-stack*) echo launcher ;; *) echo other ;;
  esac
}
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
switches() {
  cat /proc/"$1"/task/*/status 2>/dev/null \
    | awk '/^voluntary_ctxt_switches/ { v += $2 } /^nonvoluntary_ctxt_switches/ { n += $2 } END { print v + 0, n + 0 }'
}
PIDS="$STACK_PID $(descendants "$STACK_PID")"
if [ -n "${POSTGRES_PORT:-}" ]; then
  for root in $(ss -ltnpH "sport = :$POSTGRES_PORT" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
    PIDS="$PIDS $root $(descendants "$root")"
  done
fi
PIDS=$(printf '%s\n' $PIDS | sort -un | tr '\n' ' ')
HZ=$(getconf CLK_TCK)
for window in $(seq 1 "$WINDOWS"); do
  declare -A before=() used=()
  for p in $PIDS; do before[$p]=$(ticks "$p"); done
  read -r vol0 invol0 < <(switches "$GATEWAY_PID")
  echo "== window $window: $RATE req/s for $DURATION s"
  load "$RATE" "$DURATION"
  read -r vol1 invol1 < <(switches "$GATEWAY_PID")
  for p in $PIDS; do
    n=$(name_of "$p")
    used[$n]=$(( ${used[$n]:-0} + $(ticks "$p") - ${before[$p]} ))
  done
  requests=$(( RATE * DURATION ))
  total=0
  for n in gateway routing launcher telemetry cost registry postgres redis other; do
    [ -n "${used[$n]:-}" ] || continue
    printf '  %-10s %6d us of CPU per request\n' "$n" $(( used[$n] * 1000000 / HZ / requests ))
    total=$(( total + used[$n] ))
  done
  printf '  %-10s %6d us of CPU per request\n' all $(( total * 1000000 / HZ / requests ))
  awk -v v=$(( vol1 - vol0 )) -v i=$(( invol1 - invol0 )) -v r="$requests" \
    'BEGIN { printf "  gateway thread switches per request: %.2f voluntary, %.2f involuntary\n", v / r, i / r }'
  unset before used
done
