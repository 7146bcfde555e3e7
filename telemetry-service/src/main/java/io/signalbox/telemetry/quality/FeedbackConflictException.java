package io.signalbox.telemetry.quality;

import io.signalbox.contracts.feedback.FeedbackRecorded;

/** The request already has feedback with another score or label; the first one stands (409). */
public class FeedbackConflictException extends RuntimeException {

    private final FeedbackRecorded recorded;

    public FeedbackConflictException(FeedbackRecorded recorded) {
        super("Request " + recorded.requestId() + " already has feedback (score " + recorded.score()
                + (recorded.label() == null ? "" : ", label '" + recorded.label() + "'")
                + "); feedback is recorded once per request.");
        this.recorded = recorded;
    }

    public FeedbackRecorded recorded() {
        return recorded;
    }
}
