# Sourced by the bench scripts: starts the local stack from this checkout's built jars, with the route
# gpt-4o-mini -> the harness's mock upstream (http://127.0.0.1:18080/v1), and waits until it is ready.
# Sets WORK (its logs and state), STACK_PID, and what the stack writes to bench.env (GATEWAY_URL, GATEWAY_PID,
# BENCH_KEY, POSTGRES_PORT, ...). The caller stops it (kill -TERM "$STACK_PID").
start_bench_stack() { # work-dir-prefix
  WORK=$(mktemp -d "/tmp/$1.XXXXXX")
  java -Dsignalbox.services-dir=local-stack/target/services -jar local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar \
    --port-offset="${PORT_OFFSET:-20000}" --work-dir="$WORK" --bench-upstream=http://127.0.0.1:18080/v1 \
    > "$WORK/stack.log" 2>&1 &
  STACK_PID=$!
}

await_bench_stack() {
  for _ in $(seq 1 240); do
    [ -f "$WORK/bench.env" ] && break
    kill -0 "$STACK_PID" 2>/dev/null || { echo "Signalbox did not start:" >&2; tail -30 "$WORK/stack.log" >&2; exit 1; }
    sleep 1
  done
  [ -f "$WORK/bench.env" ] || { echo "Signalbox did not become ready in time" >&2; exit 1; }
  # shellcheck disable=SC1091
  . "$WORK/bench.env"
}
