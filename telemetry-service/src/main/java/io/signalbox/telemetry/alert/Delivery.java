package io.signalbox.telemetry.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A notice and where its webhook delivery stands, for the alerts API. Updated by the notifier's thread, read by
 * HTTP threads: every method holds this object's lock.
 */
public final class Delivery {

    /** {@code pending}, {@code delivered}, {@code failed} or {@code not-configured}. */
    private String state;

    private final AlertNotice notice;

    private final List<Attempt> attempts = new ArrayList<>();

    Delivery(AlertNotice notice, String state) {
        this.notice = notice;
        this.state = state;
    }

    /**
     * One try.
     *
     * @param statusCode the webhook's HTTP status, null when it did not answer
     * @param outcome {@code delivered}, {@code retry} or {@code failed}
     */
    public record Attempt(int attempt, Instant at, @Nullable Integer statusCode, @Nullable String error,
            String outcome) {
    }

    /** What the API shows. */
    public record View(AlertNotice notice, String state, List<Attempt> attempts) {
    }

    public AlertNotice notice() {
        return notice;
    }

    synchronized void attempted(Attempt attempt, String newState) {
        attempts.add(attempt);
        state = newState;
    }

    synchronized int attemptCount() {
        return attempts.size();
    }

    public synchronized String state() {
        return state;
    }

    public synchronized View view() {
        return new View(notice, state, List.copyOf(attempts));
    }
}
