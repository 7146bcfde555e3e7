package io.signalbox.cost.report;

import org.jspecify.annotations.Nullable;

/** Everything in the period in one currency (null: requests without a price). */
public record CurrencyTotal(@Nullable String currency, Measures measures) {
}
