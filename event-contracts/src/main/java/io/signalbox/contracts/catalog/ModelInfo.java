package io.signalbox.contracts.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A model as clients may name it ({@code name}) and as its provider knows it ({@code upstreamModel}).
 * {@code prices} holds every effective-dated price, oldest first; the one in effect at an instant is
 * the latest whose {@code effectiveFrom} is not after it.
 *
 * @param family the model family, e.g. {@code gpt-4o} or {@code llama-3.1}; null: not set
 * @param maxOutputTokens the most tokens one answer may have; null: not known
 * @param qualityTier {@code economy}, {@code standard} or {@code premium}, for tier-based policies; null: not set
 * @param deprecationDate the day the model is (or was) deprecated; set when {@code status} is {@code deprecated}
 * @param regions where the model may serve from; null or empty: anywhere
 */
public record ModelInfo(
        String id,
        String providerId,
        String name,
        String upstreamModel,
        int contextWindow,
        Set<String> capabilities,
        String status,
        List<PriceSnapshot> prices,
        @Nullable String family,
        @Nullable Integer maxOutputTokens,
        @Nullable String qualityTier,
        @Nullable LocalDate deprecationDate,
        @Nullable List<String> regions) {

    public ModelInfo {
        capabilities = Set.copyOf(capabilities);
        prices = List.copyOf(prices);
        regions = regions == null ? null : List.copyOf(regions);
    }

    /** A model without the descriptive attributes (the walking skeleton's shape). */
    public ModelInfo(String id, String providerId, String name, String upstreamModel, int contextWindow,
            Set<String> capabilities, String status, List<PriceSnapshot> prices) {
        this(id, providerId, name, upstreamModel, contextWindow, capabilities, status, prices, null, null, null, null,
                null);
    }
}
