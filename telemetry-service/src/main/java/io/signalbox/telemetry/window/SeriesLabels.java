package io.signalbox.telemetry.window;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a series is about besides its key, as last seen: the model an endpoint served, its provider and pool, the
 * policy a route used, and whether a model is provider-hosted (its calls have no endpoint of ours).
 */
public record SeriesLabels(
        @Nullable String modelId,
        @Nullable String modelName,
        @Nullable String providerId,
        @Nullable String poolId,
        @Nullable String policy,
        @Nullable Boolean hosted) {

    public static final SeriesLabels NONE = new SeriesLabels(null, null, null, null, null, null);

    static SeriesLabels ofPolicy(@Nullable String policy) {
        return policy == null ? NONE : new SeriesLabels(null, null, null, null, policy, null);
    }

    /** These labels with every value {@code seen} has replacing the old one. */
    SeriesLabels updatedWith(SeriesLabels seen) {
        if (seen.equals(this) || seen.equals(NONE)) {
            return this;
        }
        return new SeriesLabels(latest(seen.modelId, modelId), latest(seen.modelName, modelName),
                latest(seen.providerId, providerId), latest(seen.poolId, poolId), latest(seen.policy, policy),
                seen.hosted != null ? seen.hosted : hosted);
    }

    public boolean providerHosted() {
        return Boolean.TRUE.equals(hosted);
    }

    private static @Nullable String latest(@Nullable String value, @Nullable String previous) {
        return value != null ? value : previous;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof SeriesLabels that && Objects.equals(modelId, that.modelId)
                && Objects.equals(modelName, that.modelName) && Objects.equals(providerId, that.providerId)
                && Objects.equals(poolId, that.poolId) && Objects.equals(policy, that.policy)
                && Objects.equals(hosted, that.hosted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelId, modelName, providerId, poolId, policy, hosted);
    }
}
