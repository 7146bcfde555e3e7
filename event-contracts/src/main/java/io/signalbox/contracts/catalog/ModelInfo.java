package io.signalbox.contracts.catalog;

import java.util.List;
import java.util.Set;

/**
 * A model as clients may name it ({@code name}) and as its provider knows it ({@code upstreamModel}).
 * {@code prices} holds every effective-dated price, oldest first; the one in effect at an instant is
 * the latest whose {@code effectiveFrom} is not after it.
 */
public record ModelInfo(
        String id,
        String providerId,
        String name,
        String upstreamModel,
        int contextWindow,
        Set<String> capabilities,
        String status,
        List<PriceSnapshot> prices) {

    public ModelInfo {
        capabilities = Set.copyOf(capabilities);
        prices = List.copyOf(prices);
    }
}
