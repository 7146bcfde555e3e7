package io.signalbox.cost.web;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * Money (and other exact decimals) as the APIs write it: a string in plain notation ({@code "12.345678"}),
 * never a JSON number a client might read into a double.
 */
public final class Money {

    private Money() {
    }

    public static String plain(BigDecimal amount) {
        return amount.toPlainString();
    }

    public static @Nullable String plainOrNull(@Nullable BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
