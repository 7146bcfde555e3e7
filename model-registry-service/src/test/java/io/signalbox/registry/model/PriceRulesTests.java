package io.signalbox.registry.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.signalbox.kit.problem.FieldViolation;
import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.model.PriceRules.Terms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PriceRulesTests {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00.123456789Z");

    @Test
    void keepsRatesExactAtSixDecimalPlaces() {
        Terms terms = PriceRules.check("USD", new BigDecimal("0.15"), new BigDecimal("0.6"), new BigDecimal("0.075"),
                new BigDecimal("0.6"), Instant.parse("2026-01-01T00:00:00Z"), NOW);

        assertThat(terms.inputPerMillion()).hasToString("0.150000");
        assertThat(terms.outputPerMillion()).hasToString("0.600000");
        assertThat(terms.cachedInputPerMillion()).hasToString("0.075000");
        assertThat(terms.reasoningPerMillion()).hasToString("0.600000");
        assertThat(terms.effectiveFrom()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void cachedInputCostsLikeInputUnlessGiven() {
        Terms terms = PriceRules.check("EUR", new BigDecimal("2.50"), new BigDecimal("10"), null, null, null, NOW);

        assertThat(terms.cachedInputPerMillion()).isEqualByComparingTo("2.50");
    }

    @Test
    void takesEffectNowUnlessGivenToTheMicrosecondTheDatabaseKeeps() {
        Terms terms = PriceRules.check("USD", BigDecimal.ONE, BigDecimal.ONE, null, null, null, NOW);

        assertThat(terms.effectiveFrom()).isEqualTo("2026-11-21T10:00:00.123456Z");
    }

    @Test
    void freeModelsArePricedAtZero() {
        Terms terms = PriceRules.check("USD", BigDecimal.ZERO, new BigDecimal("0.000"), null, null, null, NOW);

        assertThat(terms.outputPerMillion()).isEqualByComparingTo("0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "-0.01            | must not be negative",
            "0.0000001        | must have at most 6 decimal places",
            "1000000000000    | must be less than 10^12",
    })
    void refusesRatesThatWouldNotBeStoredExactly(String rate, String message) {
        assertThat(violations("USD", new BigDecimal(rate), BigDecimal.ONE, null))
                .containsExactly(new FieldViolation("inputPerMillion", message));
    }

    @Test
    void trailingZerosBeyondSixPlacesAreStillExact() {
        Terms terms = PriceRules.check("USD", new BigDecimal("0.12345600000"), BigDecimal.ONE, null, null, null, NOW);

        assertThat(terms.inputPerMillion()).hasToString("0.123456");
    }

    @ParameterizedTest(name = "currency \"{0}\"")
    @ValueSource(strings = { "usd", "US", "DOLLAR", "" })
    void currencyIsAnIsoCode(String currency) {
        assertThat(violations(currency, BigDecimal.ONE, BigDecimal.ONE, null)).extracting(FieldViolation::field)
                .containsExactly("currency");
    }

    @Test
    void reportsEveryMissingOrBadValueAtOnce() {
        assertThat(violations(null, null, null, new BigDecimal("-1"))).extracting(FieldViolation::field)
                .containsExactly("currency", "inputPerMillion", "outputPerMillion", "cachedInputPerMillion");
    }

    private static List<FieldViolation> violations(String currency, BigDecimal input, BigDecimal output,
            BigDecimal cached) {
        ValidationFailedException failure = catchThrowableOfType(ValidationFailedException.class,
                () -> PriceRules.check(currency, input, output, cached, null, null, NOW));
        assertThat(failure).as("expected the price to be refused").isNotNull();
        return failure.violations();
    }
}
