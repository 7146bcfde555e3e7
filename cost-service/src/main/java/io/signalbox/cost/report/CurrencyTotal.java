package io.signalbox.cost.report;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/** Everything in the period in one currency (null: requests without a price). */
public record CurrencyTotal(@Nullable String currency, long requests, BigDecimal cost) {
}
