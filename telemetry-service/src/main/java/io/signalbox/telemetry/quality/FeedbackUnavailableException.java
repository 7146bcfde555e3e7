package io.signalbox.telemetry.quality;

/** The feedback topic did not take the feedback, so it was not counted either (503; safe to retry). */
public class FeedbackUnavailableException extends RuntimeException {

    public FeedbackUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
