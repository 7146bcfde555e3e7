package io.signalbox.telemetry.quality;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the quality loop remembers of a routed request: enough to place a score (route, policy, model, tier), never
 * the prompt or the answer, which telemetry never sees.
 *
 * @param group what quality is grouped by: the tier, or {@code model:<name>} when the tier is unknown
 * @param sampled in the sampled share of its tier, recorded for offline evaluation
 */
public record RoutedRequest(String requestId, @Nullable String decisionId, @Nullable String traceId, String tenantId,
        @Nullable String teamId, @Nullable String routeAlias, @Nullable String policy, String modelId,
        @Nullable String modelName, @Nullable String providerId, @Nullable String tier, String group, boolean sampled,
        Instant startedAt) {

    /** The group of a request whose tier is unknown: its model. */
    public static String groupOf(@Nullable String tier, String modelId, @Nullable String modelName) {
        return tier != null ? tier : "model:" + (modelName != null ? modelName : modelId);
    }
}
