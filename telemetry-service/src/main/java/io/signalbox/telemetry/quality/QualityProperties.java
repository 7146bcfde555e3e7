package io.signalbox.telemetry.quality;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.telemetry.quality.*}: the routing-quality loop.
 *
 * @param requestMemory how many recent routed requests are remembered to join feedback with (about 400 bytes each:
 *     their ids, and one shared copy of the tenant, route, model and tier values they repeat); feedback for a
 *     request no longer remembered (and not sampled) is refused with 404
 * @param feedbackMemory how many request ids with feedback are remembered to make a repeated post idempotent
 * @param retention how long quality history is kept, in hourly buckets (and the feedback topic's retention)
 * @param sampling which share of routed requests is sampled for offline evaluation
 * @param alert when the cheaper tier's quality is too far below the premium tier's
 */
@Validated
@ConfigurationProperties("signalbox.telemetry.quality")
public record QualityProperties(
        @DefaultValue("100000") @Min(1000) int requestMemory,
        @DefaultValue("200000") @Min(1000) int feedbackMemory,
        @DefaultValue("7d") @NotNull @DurationMin(hours = 1) Duration retention,
        @DefaultValue @Valid Sampling sampling,
        @DefaultValue @Valid Alert alert) {

    public int retentionHours() {
        return (int) Math.max(1, retention.toHours());
    }

    /**
     * @param share the share (0..1) of successful routed requests recorded as samples, chosen by a hash of the
     *     request id (so every replica agrees)
     * @param tierShares per-tier overrides of {@code share}, e.g. {@code premium: 0.01}
     * @param keepPerTier how many samples are kept per tier, newest first
     */
    public record Sampling(
            @DefaultValue("0.05") @DecimalMin("0.0") @DecimalMax("1.0") double share,
            @DefaultValue Map<String, Double> tierShares,
            @DefaultValue("2000") @Min(1) @Max(100000) int keepPerTier) {

        public double shareOf(String group) {
            Double share = tierShares.get(group);
            return share != null ? Math.max(0, Math.min(1, share)) : this.share;
        }
    }

    /**
     * @param cheaperTier the tier whose quality is watched
     * @param premiumTier the tier it is compared with
     * @param minRatio the alert fires when the cheaper tier's mean score falls below this fraction of the premium
     *     tier's
     * @param window the span both means are taken over
     * @param minSamples the fewest scores each tier needs in the window for a comparison
     * @param sampledOnly compare only the scores of sampled requests (unbiased, fewer) rather than all
     */
    public record Alert(
            @DefaultValue("economy") @NotBlank String cheaperTier,
            @DefaultValue("premium") @NotBlank String premiumTier,
            @DefaultValue("0.85") @DecimalMin("0.0") @DecimalMax("1.0") double minRatio,
            @DefaultValue("24h") @NotNull @DurationMin(hours = 1) Duration window,
            @DefaultValue("30") @Min(1) int minSamples,
            @DefaultValue("false") boolean sampledOnly) {

        public int windowHours() {
            return (int) Math.max(1, window.toHours());
        }
    }
}
