package io.signalbox.cost.lineitem;

import java.math.BigDecimal;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.usage.UsageRecorded;

/**
 * A usage event with the cost this service stands behind. The cost is always recomputed from the
 * event's own price snapshot with {@link PriceSnapshot#costOf}, the function the gateway uses, so the
 * sum of line items equals the sum over usage events exactly; the producer's figure is only kept for
 * audit.
 */
public record LineItem(UsageRecorded usage, BigDecimal cost) {

    static final BigDecimal NO_COST = BigDecimal.ZERO.setScale(PriceSnapshot.COST_SCALE);

    public static LineItem priced(UsageRecorded usage) {
        PriceSnapshot price = usage.price();
        return new LineItem(usage, price == null ? NO_COST : price.costOf(usage.usage()));
    }

    /** No price travelled with the event: the item costs nothing until it is re-priced. */
    public boolean unpriced() {
        return usage.price() == null;
    }

    /** The producer sent a cost that is not the one computed here (compared by value, not scale). */
    public boolean reportedCostDiffers() {
        BigDecimal reported = usage.cost();
        return reported != null && reported.compareTo(cost) != 0;
    }
}
