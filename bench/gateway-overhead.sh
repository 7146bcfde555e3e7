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
# Before the harness, it times the first streamed chunk, direct and through Signalbox (FIRST_CHUNK_RATE=200 req/s,
# FIRST_CHUNK_SECONDS, FIRST_CHUNK_WARMUP=20, FIRST_CHUNK_INTERVAL_MS=20 between the mock's events; "" skips it).
# HARNESS=path overrides where the harness lives; PORT_OFFSET (default 20000) moves Signalbox's ports.
# Results go to OUT (default: a results folder next to the stack's logs): the harness's tables, first-chunk.tsv,
# and suite-cpu.tsv, the CPU of every Signalbox process per measured run (bench/SuiteCpu.java).
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

. bench/stack.sh
start_bench_stack signalbox-bench
echo "== starting Signalbox (logs in $WORK)"
stop_stack() {
  if [ -n "${SAMPLER_PID:-}" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  if [ -n "${MOCK_STARTED:-}" ]; then "$HARNESS/peers.sh" stop mock > /dev/null 2>&1 || true; fi
  if kill -0 "$STACK_PID" 2>/dev/null; then
    kill -TERM "$STACK_PID"
    wait "$STACK_PID" 2>/dev/null || true
  fi
}
trap stop_stack EXIT
await_bench_stack
echo "== Signalbox ready: gateway $GATEWAY_URL (pid $GATEWAY_PID)"
# every result of this run in one folder: the harness's, the first streamed chunk's and the suite's CPU
export OUT="${OUT:-$WORK/results}"
mkdir -p "$OUT"

# The harness counts the gateway's CPU only, yet every process of the suite shares the two cores. Twice a second
# this records each stack process's cumulative CPU ticks (bash builtins only, so the sampler itself costs next to
# nothing); bench/SuiteCpu.java then splits them over the harness's measured runs into suite-cpu.tsv.
proc_name() {
  local cmd
  cmd=$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null) || return 0
  case "$cmd" in
    *edge-gateway*) echo gateway ;; *routing-service*) echo routing ;; *model-registry*) echo registry ;;
    *telemetry-service*) echo telemetry ;; *cost-service*) echo cost ;; *local-stack*) echo launcher ;;
    *postgres*) echo postgres ;; *redis*) echo redis ;; *) echo other ;;
  esac
}
# the launcher's process tree, and PostgreSQL's, which detaches from it (found by its port)
stack_pids() {
  local roots="$STACK_PID"
  if [ -n "${POSTGRES_PORT:-}" ]; then
    roots="$roots $(ss -ltnpH "sport = :$POSTGRES_PORT" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u | tr '\n' ' ')"
  fi
  ps -e -o pid=,ppid= | awk -v roots="$roots" '{ kids[$2] = kids[$2] " " $1 }
    END { todo = roots; while (todo != "") { split(todo, q, " "); todo = ""; for (i in q) { print q[i]; todo = todo " " kids[q[i]] } } }' | sort -un
}
sample_suite() {
  local -A names=()
  local pids=() n=0 p s t
  while kill -0 "$STACK_PID" 2>/dev/null; do
    if (( n % 10 == 0 )); then
      mapfile -t pids < <(stack_pids)
      for p in "${pids[@]}"; do [ -n "${names[$p]:-}" ] || names[$p]=$(proc_name "$p"); done
    fi
    t=${EPOCHREALTIME/./}
    for p in "${pids[@]}"; do
      { read -r s < "/proc/$p/stat"; } 2>/dev/null || continue
      s=${s##*) }
      # shellcheck disable=SC2086
      set -- $s
      printf '%s\t%s\t%s\t%s\n' "$t" "$p" "${names[$p]}" $(( ${12} + ${13} ))
    done
    n=$(( n + 1 ))
    sleep 0.5
  done
}
SUITE_SAMPLES="$WORK/suite-cpu-samples.tsv"
sample_suite > "$SUITE_SAMPLES" &
SAMPLER_PID=$!

# the harness leaves its peers running unless told otherwise; this script stops everything it started
export STOP_PEERS="${STOP_PEERS:-1}"

# JIT warm-up, gently: six cold JVMs share the 2 cores, and a cold gateway hit at once with the harness's full
# rate spends its CPU interpreting instead of compiling, so it can stay saturated for minutes (a 1,000 req/s
# run sustained 424 req/s that way). Rising rates let the compilers finish first, as a rolling deployment's
# slow start would. SIGNALBOX_RAMP="rate:seconds ..." ("" skips it); the harness's own warm-up runs after.
# RAMP_STREAM_PERCENT (default 25) of each step's rate is streamed requests, sent alongside: a gateway in
# production has compiled its stream relay too, and the first-chunk timing below would otherwise measure it cold.
RAMP=${SIGNALBOX_RAMP-"50:30 150:30 300:30 600:30"}
RAMP_STREAM_PERCENT=${RAMP_STREAM_PERCENT:-25}
FIRST_CHUNK_RATE=${FIRST_CHUNK_RATE-200}
if [ -n "$RAMP" ] || [ -n "$FIRST_CHUNK_RATE" ]; then
  # the harness starts its mock upstream too; started here, it is stopped here (a mock already up is used as is)
  if "$HARNESS/peers.sh" start mock > /dev/null; then MOCK_STARTED=1; fi
fi
# one request per client every 100 ms, the clients' starts spread over those 100 ms (as the harness does)
ramp_load() { # rate seconds body
  local clients=$(( ($1 + 9) / 10 ))
  timeout $(( $2 + 30 )) h2load --h1 -t 1 -m 1 -c "$clients" --rps 10 -r 1 --rate-period "$(( 100 / clients > 0 ? 100 / clients : 1 ))ms" \
    -n $(( $1 * $2 )) -H "Authorization: Bearer $BENCH_KEY" -H 'content-type: application/json' -d "$3" \
    "$GATEWAY_URL/v1/chat/completions" | grep -E "^requests:" || true
}
if [ -n "$RAMP" ]; then
  RAMP_BODY="$WORK/ramp-body.json"
  echo '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16}' > "$RAMP_BODY"
  RAMP_STREAM_BODY="$WORK/ramp-stream-body.json"
  echo '{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Say hello."}],"max_tokens":16}' > "$RAMP_STREAM_BODY"
  for step in $RAMP; do
    rate=${step%%:*} secs=${step##*:}
    streams=$(( rate * RAMP_STREAM_PERCENT / 100 ))
    echo "== warming Signalbox up: $rate req/s for $secs s ($streams of them streamed)"
    if [ "$streams" -gt 0 ]; then
      ramp_load "$streams" "$secs" "$RAMP_STREAM_BODY" | sed 's/^/streamed /' &
      STREAM_RAMP_PID=$!
    fi
    ramp_load $(( rate - streams )) "$secs" "$RAMP_BODY"
    if [ "$streams" -gt 0 ]; then wait "$STREAM_RAMP_PID" || true; fi
  done
fi

# Time to the first streamed chunk, which the harness does not measure (h2load times a stream to its last byte):
# the mock waits FIRST_CHUNK_INTERVAL_MS between events, so the first chunk arrives well before the rest.
# bench/FirstChunkLatency.java runs open loop at FIRST_CHUNK_RATE req/s ("" skips it), direct first, then
# Signalbox, and writes first-chunk.tsv next to the harness's results.
if [ -n "$FIRST_CHUNK_RATE" ]; then
  MOCK_URL=http://127.0.0.1:18080
  curl -fsS -m 5 -X POST "$MOCK_URL/__mock/config?delay_ms=0&chunks=8&chunk_interval_ms=${FIRST_CHUNK_INTERVAL_MS:-20}" > /dev/null
  FIRST_CHUNK_OUT="$OUT/first-chunk.tsv"
  echo "== first streamed chunk: $FIRST_CHUNK_RATE req/s, ${FIRST_CHUNK_SECONDS:-${DURATION:-15}} s per target (results in $FIRST_CHUNK_OUT)"
  java bench/FirstChunkLatency.java "$FIRST_CHUNK_RATE" "${FIRST_CHUNK_SECONDS:-${DURATION:-15}}" "${FIRST_CHUNK_WARMUP:-20}" \
    "$FIRST_CHUNK_OUT" "direct|$MOCK_URL/v1/chat/completions|" \
    "signalbox|$GATEWAY_URL/v1/chat/completions|Authorization: Bearer $BENCH_KEY"
  curl -fsS -m 5 -X POST "$MOCK_URL/__mock/config?delay_ms=0&chunks=8&chunk_interval_ms=0" > /dev/null
fi

export EXTRA_TARGETS="signalbox | $GATEWAY_URL/v1/chat/completions | Authorization: Bearer $BENCH_KEY | pid:$GATEWAY_PID"
export TARGET_WARMUP="signalbox=${SIGNALBOX_WARMUP:-20}${TARGET_WARMUP:+,$TARGET_WARMUP}"
"$HARNESS/bench.sh"

kill "$SAMPLER_PID" 2>/dev/null || true
java bench/SuiteCpu.java "$SUITE_SAMPLES" "$OUT/logs" "$OUT/suite-cpu.tsv" "$(getconf CLK_TCK)"
echo "== CPU of every Signalbox process per measured run (us per request; cores): $OUT/suite-cpu.tsv"
awk -F'\t' 'NR > 1 { printf "  %-26s %-10s %7s us/req %6s cores\n", $1, $4, $6, $7 }' "$OUT/suite-cpu.tsv"
