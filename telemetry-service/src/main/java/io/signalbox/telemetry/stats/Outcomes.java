package io.signalbox.telemetry.stats;

import io.signalbox.contracts.usage.UsageRecorded;

/** How a request ended, in the low-cardinality words that statistics and metric tags use. */
public final class Outcomes {

    private Outcomes() {
    }

    /**
     * The error class of a failed request: the gateway's own when it named one, otherwise
     * {@code interrupted} or {@code http_<status>}.
     */
    public static String errorClass(UsageRecorded event) {
        if (event.errorClass() != null) {
            return event.errorClass();
        }
        return event.interrupted() ? "interrupted" : "http_" + event.httpStatus();
    }

    /** {@code 2xx}, {@code 4xx}, {@code 5xx}, ...; {@code unknown} for a status outside 100-599. */
    public static String statusClass(int httpStatus) {
        return httpStatus >= 100 && httpStatus <= 599 ? (httpStatus / 100) + "xx" : "unknown";
    }
}
