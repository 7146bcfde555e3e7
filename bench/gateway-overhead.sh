#!/usr/bin/env bash
# Measures the latency Signalbox's gateway adds, side by side with nginx, HAProxy, Caddy and two AI gateways,
# using the shared harness (../shared/bench/gateway-overhead). It builds Signalbox, starts the whole stack
# (PostgreSQL, Kafka, Redis, the five services) with one extra route, gpt-4o-mini -> the harness's mock upstream
# on http://127.0.0.1:18080/v1, so every measured request takes the full path: key check, rate-limit check,
# a real routing-service decision, the proxied call, the usage event. Then it runs the harness with Signalbox
# added as target "signalbox", and stops what it started.
#
#   bench/gateway-overhead.sh                                   # the harness's full run (~12 min)
#   RATES="200 1000" DELAYS=0 DURATION=10 REPEAT=1 bench/gateway-overhead.sh     # a shorter run
#
# Every harness knob passes through (RATES, DELAYS, DURATION, WARMUP, REPEAT, TARGETS, STREAM_RATES, OUT, ...).
# HARNESS=path overrides where the harness lives; PORT_OFFSET (default 20000) moves Signalbox's ports.
set -euo pipefail
cd "$(dirname "$0")/.."
HARNESS=${HARNESS:-../shared/bench/gateway-overhead}
[ -x "$HARNESS/bench.sh" ] || { echo "The benchmark harness is not at $HARNESS (set HARNESS=...)." >&2; exit 1; }
. bin/select-jdk.sh
select_jdk
export PATH="$JAVA_HOME/bin:$PATH"

"$HARNESS/setup.sh"
echo "== building Signalbox"
./mvnw -q -B -ntp -DskipTests -pl local-stack -am package

WORK=$(mktemp -d /tmp/signalbox-bench.XXXXXX)
echo "== starting Signalbox (logs in $WORK)"
java -Dsignalbox.services-dir=local-stack/target/services -jar local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar \
  --port-offset="${PORT_OFFSET:-20000}" --work-dir="$WORK" --bench-upstream=http://127.0.0.1:18080/v1 \
  > "$WORK/stack.log" 2>&1 &
STACK_PID=$!
stop_stack() {
  if kill -0 "$STACK_PID" 2>/dev/null; then
    kill -TERM "$STACK_PID"
    wait "$STACK_PID" 2>/dev/null || true
  fi
}
trap stop_stack EXIT
for _ in $(seq 1 240); do
  [ -f "$WORK/bench.env" ] && break
  kill -0 "$STACK_PID" 2>/dev/null || { echo "Signalbox did not start:" >&2; tail -30 "$WORK/stack.log" >&2; exit 1; }
  sleep 1
done
[ -f "$WORK/bench.env" ] || { echo "Signalbox did not become ready in time" >&2; exit 1; }
. "$WORK/bench.env"
echo "== Signalbox ready: gateway $GATEWAY_URL (pid $GATEWAY_PID)"

# the harness leaves its peers running unless told otherwise; this script stops everything it started
export STOP_PEERS="${STOP_PEERS:-1}"
export EXTRA_TARGETS="signalbox | $GATEWAY_URL/v1/chat/completions | Authorization: Bearer $BENCH_KEY | pid:$GATEWAY_PID"
export TARGET_WARMUP="signalbox=${SIGNALBOX_WARMUP:-20}${TARGET_WARMUP:+,$TARGET_WARMUP}"
"$HARNESS/bench.sh"
