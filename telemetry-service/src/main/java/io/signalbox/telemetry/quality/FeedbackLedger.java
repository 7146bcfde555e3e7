package io.signalbox.telemetry.quality;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.signalbox.contracts.feedback.FeedbackRecorded;

/**
 * The feedback accepted so far: one score per request id (the first one wins; the topic is compacted by request
 * id, and feedback is only ever published after this ledger has checked it), and the quality history it adds up to,
 * by group (tier, or model when the tier is unknown) and by model. Fed both by accepted posts and by the feedback
 * topic, which is read from its beginning at start, so the history survives restarts; a record already counted is
 * not counted again.
 */
public class FeedbackLedger {

    private final Cache<String, FeedbackRecorded> byRequest;

    private final QualityHistory byGroup;

    private final QualityHistory byModel;

    private final Clock clock;

    public FeedbackLedger(QualityProperties properties, Clock clock) {
        this.byRequest = Caffeine.newBuilder().maximumSize(properties.feedbackMemory()).build();
        this.byGroup = new QualityHistory(properties.retentionHours());
        this.byModel = new QualityHistory(properties.retentionHours());
        this.clock = clock;
    }

    /** How {@link #apply} went. */
    public enum Outcome {
        /** Counted now. */
        NEW,
        /** The same score and label were counted before: nothing changes. */
        SAME,
        /** A different score or label was counted before: that one stands. */
        CONFLICT
    }

    public synchronized Outcome apply(FeedbackRecorded feedback) {
        FeedbackRecorded known = byRequest.getIfPresent(feedback.requestId());
        if (known != null) {
            return sameJudgement(known, feedback) ? Outcome.SAME : Outcome.CONFLICT;
        }
        byRequest.put(feedback.requestId(), feedback);
        long now = clock.millis();
        byGroup.add(RoutedRequest.groupOf(feedback.tier(), feedback.modelId(), feedback.modelName()), feedback.score(),
                feedback.sampled(), feedback.requestStartedAt(), now);
        byModel.add(feedback.modelName() != null ? feedback.modelName() : feedback.modelId(), feedback.score(),
                feedback.sampled(), feedback.requestStartedAt(), now);
        return Outcome.NEW;
    }

    public Optional<FeedbackRecorded> find(String requestId) {
        return Optional.ofNullable(byRequest.getIfPresent(requestId));
    }

    static boolean sameJudgement(FeedbackRecorded a, FeedbackRecorded b) {
        return Double.compare(a.score(), b.score()) == 0 && Objects.equals(a.label(), b.label());
    }

    /** Hourly buckets of the last {@code hours} hours per tier (or model, when the tier is unknown) or per model. */
    public Map<String, List<QualityHistory.Bucket>> series(boolean byTier, int hours) {
        return (byTier ? byGroup : byModel).series(hours, clock.millis());
    }

    /** One group's totals over the last {@code hours} hours. */
    public QualityHistory.Bucket total(String group, int hours) {
        return byGroup.total(group, hours, clock.millis());
    }
}
