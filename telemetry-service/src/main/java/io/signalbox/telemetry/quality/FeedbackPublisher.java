package io.signalbox.telemetry.quality;

import io.signalbox.contracts.feedback.FeedbackRecorded;

/** Writes accepted feedback to the durable feedback topic before it counts, and fails when the topic does not take it. */
@FunctionalInterface
public interface FeedbackPublisher {

    /** @throws FeedbackUnavailableException when the record was not acknowledged */
    void publish(FeedbackRecorded feedback);
}
