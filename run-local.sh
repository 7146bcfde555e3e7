#!/usr/bin/env bash
# Starts the whole Signalbox suite on this machine: embedded PostgreSQL and Kafka, two simulated
# inference pools, the five services and a demo catalog. Needs only a JDK 21+. Ctrl-C stops everything.
# Options are passed to the launcher: --port-offset=N (move every port by N), --work-dir=PATH.
set -euo pipefail
cd "$(dirname "$0")"
. bin/select-jdk.sh
select_jdk
export PATH="$JAVA_HOME/bin:$PATH"
echo "Building Signalbox (the first build downloads dependencies and takes a few minutes)..."
./mvnw -q -B -ntp -DskipTests -pl local-stack -am package
exec java -Dsignalbox.services-dir=local-stack/target/services -jar local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar "$@"
