package io.signalbox.telemetry.ingest;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.json.ContractJson.MalformedEventException;
import io.signalbox.contracts.usage.UsageRecorded;
import org.jspecify.annotations.Nullable;

/**
 * Reads a usage message and checks what statistics depend on: an event id to de-duplicate on, token
 * usage, and durations a histogram can hold. Checked before the event id is remembered, so a rejected
 * message never marks its id as counted.
 */
final class UsageEventReader {

    private UsageEventReader() {
    }

    /**
     * @throws MalformedEventException when the payload is not a {@link UsageRecorded}
     * @throws InvalidUsageEventException when it is one that cannot be counted
     */
    static UsageRecorded read(@Nullable String payload) {
        if (payload == null || payload.isBlank()) {
            throw new InvalidUsageEventException("Empty usage message");
        }
        UsageRecorded event = ContractJson.fromJson(payload, UsageRecorded.class);
        if (event.eventId() == null || event.usage() == null || event.operation() == null) {
            throw new InvalidUsageEventException("Usage event lacks eventId, usage or operation");
        }
        Long ttft = event.ttftMillis();
        if (event.latencyMillis() < 0 || (ttft != null && ttft < 0)) {
            throw new InvalidUsageEventException("Usage event " + event.eventId() + " has a negative duration");
        }
        return event;
    }
}
