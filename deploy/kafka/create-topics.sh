#!/bin/bash
# Creates the Signalbox topics if they are missing (idempotent), then lists them. Run by the one-shot
# kafka-init service of docker-compose.yml; the Helm chart's topics Job creates the same set.
#
# topic                          partitions  policy   retention  why
# signalbox.usage.v1             3           delete   7 days     one event per request, keyed by request id;
#                                                                partitions bound how many cost-service
#                                                                replicas share the work
# signalbox.usage.v1.DLT         3           delete   30 days    usage messages cost-service could not store
# signalbox.registry.v1          1           delete   7 days     registry changes in commit order; consumers
#                                                                load a snapshot at start, so history is not needed
# signalbox.endpoint-health.v1   1           compact  -          latest health per endpoint
# signalbox.budget-status.v1     1           compact  -          latest status per budget scope
set -euo pipefail

bootstrap=${KAFKA_BOOTSTRAP:-kafka:9092}
replication=${REPLICATION_FACTOR:-1}
topics=/opt/kafka/bin/kafka-topics.sh
day_ms=86400000

create() { # name partitions config...
    local name=$1 partitions=$2
    shift 2
    local configs=()
    for config in "$@"; do
        configs+=(--config "$config")
    done
    "$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
        --partitions "$partitions" --replication-factor "$replication" "${configs[@]}"
}

create signalbox.usage.v1 3 cleanup.policy=delete retention.ms=$((7 * day_ms))
create signalbox.usage.v1.DLT 3 cleanup.policy=delete retention.ms=$((30 * day_ms))
create signalbox.registry.v1 1 cleanup.policy=delete retention.ms=$((7 * day_ms))
create signalbox.endpoint-health.v1 1 cleanup.policy=compact
create signalbox.budget-status.v1 1 cleanup.policy=compact

"$topics" --bootstrap-server "$bootstrap" --describe --topics-with-overrides
