package io.signalbox.contracts;

/** Kafka topic names. The {@code .v1} suffix is the schema generation of the records on the topic. */
public final class Topics {

    /** {@link io.signalbox.contracts.usage.UsageRecorded}, keyed by request id. */
    public static final String USAGE = "signalbox.usage.v1";

    /** {@link io.signalbox.contracts.registry.RegistryChanged}, keyed by entity id. */
    public static final String REGISTRY = "signalbox.registry.v1";

    /** Endpoint health snapshots, compacted, keyed by endpoint id. */
    public static final String ENDPOINT_HEALTH = "signalbox.endpoint-health.v1";

    /**
     * {@link io.signalbox.contracts.feedback.FeedbackRecorded}, compacted, keyed by request id: one score per
     * request. Created by telemetry-service when missing.
     */
    public static final String FEEDBACK = "signalbox.feedback.v1";

    /** Budget status, compacted, keyed by budget scope. */
    public static final String BUDGET_STATUS = "signalbox.budget-status.v1";

    /** Kafka record header carrying the event id, used by consumers for de-duplication. */
    public static final String EVENT_ID_HEADER = "signalbox-event-id";

    private Topics() {
    }
}
