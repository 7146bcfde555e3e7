package io.signalbox.contracts.feedback;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A quality score for one routed request, published by telemetry-service to
 * {@link io.signalbox.contracts.Topics#FEEDBACK} (compacted, keyed by {@link #requestId()}) when someone posts
 * feedback. The request's routing (route, policy, model, quality tier) is joined from its usage event when the
 * feedback is accepted and carried here, so the topic alone can rebuild quality per tier after a restart.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written
 * @param score how good the answer was, from 0 (useless) to 1 (perfect)
 * @param label an optional free-form label from the evaluator ({@code thumbs-down}, {@code hallucination}, ...)
 * @param tier the quality tier the request was served in ({@code economy}, {@code standard}, {@code premium}):
 *     the route's tier map when it has one, else the model's quality tier; null when neither is known
 * @param sampled the request was in the share of routed requests sampled for evaluation, so its score is an
 *     unbiased sample of its tier (volunteered feedback is not)
 * @param requestStartedAt when the scored request started, which places the score in time
 * @param submittedAt when the feedback was accepted
 */
public record FeedbackRecorded(
        int schemaVersion,
        UUID eventId,
        String requestId,
        double score,
        @Nullable String label,
        String tenantId,
        @Nullable String teamId,
        @Nullable String decisionId,
        @Nullable String routeAlias,
        @Nullable String policy,
        String modelId,
        @Nullable String modelName,
        @Nullable String providerId,
        @Nullable String tier,
        boolean sampled,
        Instant requestStartedAt,
        Instant submittedAt) {

    public static final int SCHEMA_VERSION = 1;

    public FeedbackRecorded {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(requestStartedAt, "requestStartedAt");
        Objects.requireNonNull(submittedAt, "submittedAt");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be within 0..1, was " + score);
        }
    }
}
