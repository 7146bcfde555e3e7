package io.signalbox.registry.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

import io.signalbox.registry.common.Times;
import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.common.Violations;
import org.jspecify.annotations.Nullable;

/**
 * The rules a new price must follow. Rates are exact: a rate with more decimal places than the
 * database keeps (six, micro-units per million tokens) is refused rather than rounded, so what an admin
 * enters is what every service charges.
 */
public final class PriceRules {

    /** Decimal places kept for a rate. */
    public static final int RATE_SCALE = 6;

    /** Digits kept before the decimal point: {@code numeric(18, 6)}. */
    public static final int RATE_INTEGER_DIGITS = 12;

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private PriceRules() {
    }

    /**
     * Checks a price and fills in its defaults: the cached-input rate is the input rate unless given
     * (a provider without prompt caching charges cached tokens like any other), reasoning tokens are
     * charged as output unless a reasoning rate is given, and the price takes effect now unless a time
     * is given.
     *
     * @throws ValidationFailedException listing every broken rule
     */
    public static Terms check(@Nullable String currency, @Nullable BigDecimal inputPerMillion,
            @Nullable BigDecimal outputPerMillion, @Nullable BigDecimal cachedInputPerMillion,
            @Nullable BigDecimal reasoningPerMillion, @Nullable Instant effectiveFrom, Instant now) {
        Violations violations = new Violations();
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            violations.add("currency", "must be an ISO 4217 code such as USD");
        }
        checkRate("inputPerMillion", inputPerMillion, true, violations);
        checkRate("outputPerMillion", outputPerMillion, true, violations);
        checkRate("cachedInputPerMillion", cachedInputPerMillion, false, violations);
        checkRate("reasoningPerMillion", reasoningPerMillion, false, violations);
        violations.throwIfAny();
        // Without violations, every required value is present.
        BigDecimal input = exact(Objects.requireNonNull(inputPerMillion));
        return new Terms(Objects.requireNonNull(currency), input, exact(Objects.requireNonNull(outputPerMillion)),
                cachedInputPerMillion == null ? input : exact(cachedInputPerMillion),
                reasoningPerMillion == null ? null : exact(reasoningPerMillion),
                Times.storable(effectiveFrom == null ? now : effectiveFrom));
    }

    private static void checkRate(String field, @Nullable BigDecimal rate, boolean required, Violations violations) {
        if (rate == null) {
            if (required) {
                violations.add(field, "is required");
            }
            return;
        }
        if (rate.signum() < 0) {
            violations.add(field, "must not be negative");
        }
        BigDecimal plain = rate.stripTrailingZeros();
        if (plain.scale() > RATE_SCALE) {
            violations.add(field, "must have at most " + RATE_SCALE + " decimal places");
        }
        if (plain.precision() - plain.scale() > RATE_INTEGER_DIGITS) {
            violations.add(field, "must be less than 10^" + RATE_INTEGER_DIGITS);
        }
    }

    /** The rate at the stored scale; exact because {@link #checkRate} allowed no more digits. */
    private static BigDecimal exact(BigDecimal rate) {
        return rate.setScale(RATE_SCALE);
    }

    /** A checked price with its defaults filled in, rates at {@link #RATE_SCALE} decimal places. */
    public record Terms(String currency, BigDecimal inputPerMillion, BigDecimal outputPerMillion,
            BigDecimal cachedInputPerMillion, @Nullable BigDecimal reasoningPerMillion, Instant effectiveFrom) {
    }
}
