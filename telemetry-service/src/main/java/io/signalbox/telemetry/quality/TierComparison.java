package io.signalbox.telemetry.quality;

import org.jspecify.annotations.Nullable;

/**
 * The cheaper tier's mean score against the premium tier's over the alert window. Comparable only when both tiers
 * have {@code minSamples} scores; then {@code below} says whether the cheaper tier scores under {@code minRatio} of
 * the premium tier.
 *
 * @param ratio cheaper mean / premium mean; null when not comparable (or the premium mean is 0)
 */
public record TierComparison(String cheaperTier, String premiumTier, int windowHours, boolean sampledOnly,
        long cheaperCount, @Nullable Double cheaperMean, long premiumCount, @Nullable Double premiumMean,
        @Nullable Double ratio, double minRatio, int minSamples, boolean comparable, boolean below) {

    public static TierComparison of(FeedbackLedger ledger, QualityProperties.Alert alert) {
        QualityHistory.Bucket cheaper = ledger.total(alert.cheaperTier(), alert.windowHours());
        QualityHistory.Bucket premium = ledger.total(alert.premiumTier(), alert.windowHours());
        long cheaperCount = alert.sampledOnly() ? cheaper.sampledCount() : cheaper.count();
        long premiumCount = alert.sampledOnly() ? premium.sampledCount() : premium.count();
        Double cheaperMean = alert.sampledOnly() ? cheaper.sampledMean() : cheaper.mean();
        Double premiumMean = alert.sampledOnly() ? premium.sampledMean() : premium.mean();
        Double ratio = cheaperCount >= alert.minSamples() && premiumCount >= alert.minSamples() && cheaperMean != null
                && premiumMean != null && premiumMean > 0 ? cheaperMean / premiumMean : null;
        return new TierComparison(alert.cheaperTier(), alert.premiumTier(), alert.windowHours(), alert.sampledOnly(),
                cheaperCount, cheaperMean, premiumCount, premiumMean, ratio, alert.minRatio(), alert.minSamples(),
                ratio != null, ratio != null && ratio < alert.minRatio());
    }
}
