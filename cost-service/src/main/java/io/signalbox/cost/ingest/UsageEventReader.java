package io.signalbox.cost.ingest;

import java.util.ArrayList;
import java.util.List;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.json.ContractJson.MalformedEventException;
import io.signalbox.contracts.usage.UsageRecorded;
import org.jspecify.annotations.Nullable;

/**
 * Reads a usage message and checks the fields a line item cannot do without. Jackson leaves a missing
 * reference field null even where the record says it is not nullable; catching that here sends the
 * message to the dead-letter topic with a clear reason instead of failing later on a database
 * constraint.
 */
final class UsageEventReader {

    private UsageEventReader() {
    }

    /**
     * @throws MalformedEventException when the payload is not a {@link UsageRecorded} at all
     * @throws InvalidUsageEventException when a required field is missing
     */
    static UsageRecorded read(@Nullable String payload) {
        if (payload == null || payload.isBlank()) {
            throw new InvalidUsageEventException("Empty usage message");
        }
        UsageRecorded event = ContractJson.fromJson(payload, UsageRecorded.class);
        List<String> missing = new ArrayList<>();
        require(event.eventId(), "eventId", missing);
        require(event.requestId(), "requestId", missing);
        require(event.tenantId(), "tenantId", missing);
        require(event.keyId(), "keyId", missing);
        require(event.operation(), "operation", missing);
        require(event.requestedModel(), "requestedModel", missing);
        require(event.usage(), "usage", missing);
        require(event.startedAt(), "startedAt", missing);
        require(event.completedAt(), "completedAt", missing);
        if (!missing.isEmpty()) {
            throw new InvalidUsageEventException("Usage event " + event.eventId() + " lacks " + String.join(", ", missing));
        }
        return event;
    }

    private static void require(@Nullable Object value, String name, List<String> missing) {
        if (value == null) {
            missing.add(name);
        }
    }
}
