package io.signalbox.contracts;

import java.math.BigDecimal;
import java.time.Instant;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.usage.TokenUsage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceSnapshotTests {

    // $2.50 input, $10.00 output, $1.25 cached input per million tokens
    static final PriceSnapshot PRICE = new PriceSnapshot("p", "m", "USD", new BigDecimal("2.50"),
            new BigDecimal("10.00"), new BigDecimal("1.25"), Instant.EPOCH);

    @ParameterizedTest(name = "{0} prompt ({2} cached), {1} completion -> {3}")
    @CsvSource(nullValues = "null", value = {
            "1000, 500, null, 0.007500",      // 1000*2.5/1e6 + 500*10/1e6
            "1000, 500, 400, 0.007000",       // 600*2.5 + 400*1.25 + 500*10, per million
            "1, 0, null, 0.000002",           // 0.0000025 rounds half-even down to the even digit
            "0, 0, null, 0.000000",
            "null, 200, null, 0.002000",      // prompt not reported counts as zero
    })
    void pricesEachTokenKindAtItsOwnRate(Integer prompt, Integer completion, Integer cached, String expected) {
        BigDecimal cost = PRICE.costOf(new TokenUsage(prompt, completion, cached, null, false));

        assertThat(cost).isEqualByComparingTo(expected).extracting(BigDecimal::scale).isEqualTo(6);
    }

    @Test
    void sumOfCostsOfManyRequestsIsExact() {
        TokenUsage tiny = new TokenUsage(3, 7, null, null, false);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < 1_000; i++) {
            sum = sum.add(PRICE.costOf(tiny));
        }

        // (3*2.5 + 7*10) / 1e6 = 0.0000775 -> 0.000078 per request (half-even), exactly 0.078 for 1000
        assertThat(sum).isEqualByComparingTo("0.078");
    }

    @Test
    void cachedTokensBeyondThePromptAreNotChargedTwice() {
        BigDecimal cost = PRICE.costOf(new TokenUsage(100, 0, 500, null, false));

        assertThat(cost).isEqualByComparingTo("0.000125"); // all 100 prompt tokens at the cached rate
    }

    @ParameterizedTest(name = "{0} completion of which {1} reasoning -> {2}")
    @CsvSource(nullValues = "null", value = {
            "500, 300, 0.003800",    // 200 output at 10 + 300 reasoning at 6, per million
            "500, null, 0.005000",   // reasoning not reported: all completion tokens at the output rate
            "100, 900, 0.000600",    // more reasoning than completion reported: at most the completion is reasoning
    })
    void reasoningTokensAreChargedAtTheReasoningRateWhenThereIsOne(int completion, Integer reasoning, String expected) {
        PriceSnapshot withReasoning = new PriceSnapshot("p", "m", "USD", new BigDecimal("2.50"), new BigDecimal("10.00"),
                new BigDecimal("1.25"), Instant.EPOCH, new BigDecimal("6.00"));

        BigDecimal cost = withReasoning.costOf(new TokenUsage(0, completion, null, reasoning, false));

        assertThat(cost).isEqualByComparingTo(expected);
        assertThat(PRICE.costOf(new TokenUsage(0, completion, null, reasoning, false)))
                .as("without a reasoning rate, reasoning is output").isEqualByComparingTo(
                        new BigDecimal("10.00").multiply(BigDecimal.valueOf(completion)).movePointLeft(6));
    }

    @Test
    void rejectsNegativeRates() {
        assertThatThrownBy(() -> new PriceSnapshot("p", "m", "USD", new BigDecimal("-1"), BigDecimal.ONE,
                BigDecimal.ONE, Instant.EPOCH)).hasMessageContaining("inputPerMillion");
    }
}
