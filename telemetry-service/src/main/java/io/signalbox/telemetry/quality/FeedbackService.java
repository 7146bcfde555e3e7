package io.signalbox.telemetry.quality;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import io.signalbox.contracts.feedback.FeedbackRecorded;
import org.jspecify.annotations.Nullable;

/**
 * Accepts feedback: idempotent per request id (the same score and label again is answered with what was recorded;
 * a different one is refused), joined with the request's routing, published durably to the feedback topic and then
 * counted. Posts are serialised (feedback is low-volume), so two concurrent posts for one request cannot both be
 * published.
 */
public class FeedbackService {

    private final FeedbackLedger ledger;

    private final RoutedRequests requests;

    private final FeedbackPublisher publisher;

    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();

    public FeedbackService(FeedbackLedger ledger, RoutedRequests requests, FeedbackPublisher publisher, Clock clock) {
        this.ledger = ledger;
        this.requests = requests;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * @param created true when this call recorded the feedback, false when it repeated what was recorded before
     */
    public record Accepted(FeedbackRecorded feedback, boolean created) {
    }

    /**
     * @throws FeedbackConflictException when the request already has a different score or label
     * @throws UnknownRequestException when the request is not (or no longer) known
     * @throws FeedbackUnavailableException when the feedback topic did not take it
     */
    public Accepted submit(String requestId, double score, @Nullable String label) {
        lock.lock();
        try {
            FeedbackRecorded known = ledger.find(requestId).orElse(null);
            if (known != null) {
                if (Double.compare(known.score(), score) == 0 && java.util.Objects.equals(known.label(), label)) {
                    return new Accepted(known, false);
                }
                throw new FeedbackConflictException(known);
            }
            RoutedRequest request = requests.find(requestId).orElseThrow(() -> new UnknownRequestException(requestId));
            FeedbackRecorded feedback = new FeedbackRecorded(FeedbackRecorded.SCHEMA_VERSION, UUID.randomUUID(),
                    requestId, score, label, request.tenantId(), request.teamId(), request.decisionId(),
                    request.routeAlias(), request.policy(), request.modelId(), request.modelName(),
                    request.providerId(), request.tier(), request.sampled(), request.startedAt(), clock.instant());
            publisher.publish(feedback);
            ledger.apply(feedback);
            return new Accepted(feedback, true);
        }
        finally {
            lock.unlock();
        }
    }
}
