package io.signalbox.cost.lineitem;

import java.math.BigDecimal;

import io.signalbox.contracts.usage.UsageRecorded;
import org.junit.jupiter.api.Test;

import static io.signalbox.cost.UsageEventBuilder.GPT_PRICE;
import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;

class LineItemTests {

    @Test
    void costsWhatTheEventsOwnPriceSays() {
        UsageRecorded event = usage().tokens(1_000_000, 100_000, 400_000).build();

        LineItem item = LineItem.priced(event);

        // 600k input at 2.50, 400k cached at 1.25, 100k output at 10.00 per million
        assertThat(item.cost()).isEqualTo(new BigDecimal("3.000000")).isEqualTo(GPT_PRICE.costOf(event.usage()));
        assertThat(item.unpriced()).isFalse();
        assertThat(item.reportedCostDiffers()).isFalse();
    }

    @Test
    void eventWithoutPriceCostsZeroAndIsFlagged() {
        LineItem item = LineItem.priced(usage().price(null).tokens(5_000, 5_000, null).build());

        assertThat(item.cost()).isEqualTo(new BigDecimal("0.000000"));
        assertThat(item.unpriced()).isTrue();
    }

    @Test
    void reportedCostIsComparedByValueNotByScale() {
        UsageRecorded sameValue = usage().tokens(1_000_000, 0, 0).reportedCost(new BigDecimal("2.5")).build();
        UsageRecorded otherValue = usage().tokens(1_000_000, 0, 0).reportedCost(new BigDecimal("2.500001")).build();
        UsageRecorded notReported = usage().tokens(1_000_000, 0, 0).reportedCost(null).build();

        assertThat(LineItem.priced(sameValue).reportedCostDiffers()).isFalse();
        assertThat(LineItem.priced(otherValue).reportedCostDiffers()).isTrue();
        assertThat(LineItem.priced(otherValue).cost()).isEqualTo(new BigDecimal("2.500000"));
        assertThat(LineItem.priced(notReported).reportedCostDiffers()).isFalse();
    }
}
