package io.signalbox.contracts;

import java.math.BigDecimal;
import java.time.Instant;

import io.signalbox.contracts.catalog.PriceAdjustment;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.TenantInfo;
import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.TokenUsage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
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

    @ParameterizedTest(name = "{2} % on {0} prompt + {1} completion -> {3}")
    @CsvSource(nullValues = "null", value = {
            "1000, 500, -12.5, 0.006562",        // 0.0075 * 0.875 = 0.0065625: half-even keeps the even 2
            "1000, 500, 5, 0.007875",            // 0.0075 * 1.05
            "1000, 500, 0, 0.007500",            // an explicit 0 % rule charges the list price
            "1000000, 0, -99.999, 0.000025",     // 2.50 * 0.00001
            "1, 0, 100, 0.000005",               // 0.0000025 * 2 exactly; rounding first would give 0.000004
            "1, 0, -10, 0.000002",               // 0.00000225
            "3, 0, 1000, 0.000082",              // 0.0000075 * 11 = 0.0000825: half-even keeps the even 2
    })
    void anAdjustmentScalesTheExactListCostBeforeTheOneRounding(int prompt, int completion, String percent,
            String expected) {
        PriceSnapshot adjusted = PRICE.adjusted(new BigDecimal(percent), "rule-1");

        BigDecimal cost = adjusted.costOf(new TokenUsage(prompt, completion, null, null, false));

        assertThat(cost).isEqualByComparingTo(expected).extracting(BigDecimal::scale).isEqualTo(6);
    }

    @Test
    void withoutAnAdjustmentTheListPriceIsCharged() {
        TokenUsage usage = new TokenUsage(1234, 567, 89, null, false);
        PriceSnapshot adjusted = PRICE.adjusted(new BigDecimal("-20"), "rule-1");

        assertThat(PRICE.adjustmentPercent()).isNull();
        assertThat(PRICE.adjustmentRuleId()).isNull();
        assertThat(adjusted.listPrice()).isEqualTo(PRICE);
        assertThat(adjusted.listPrice().costOf(usage)).isEqualByComparingTo(PRICE.costOf(usage));
        assertThat(adjusted.costOf(usage)).isLessThan(PRICE.costOf(usage));
        assertThat(adjusted).as("the rates stay the list rates").extracting(PriceSnapshot::priceId,
                PriceSnapshot::inputPerMillion, PriceSnapshot::outputPerMillion, PriceSnapshot::cachedInputPerMillion)
                .containsExactly(PRICE.priceId(), PRICE.inputPerMillion(), PRICE.outputPerMillion(),
                        PRICE.cachedInputPerMillion());
    }

    @ParameterizedTest(name = "{0} %")
    @CsvSource({"-100", "-100.5", "1000.0001", "5000"})
    void refusesAnAdjustmentOutsideItsBounds(String percent) {
        assertThatIllegalArgumentException().isThrownBy(() -> PRICE.adjusted(new BigDecimal(percent), "rule-1"))
                .withMessageContaining("greater than -100 and at most 1000");
    }

    @Test
    void theBoundsThemselvesAreInsideOrOutsideAsDocumented() {
        assertThat(PRICE.adjusted(new BigDecimal("1000"), "rule-1").costOf(new TokenUsage(1_000_000, 0, null, null,
                false))).as("+1000 %: eleven times the list price").isEqualByComparingTo("27.5");
        assertThat(PRICE.adjusted(new BigDecimal("-99.9999"), "rule-1").adjustmentPercent())
                .isEqualByComparingTo("-99.9999");
    }

    @Test
    void adjustmentsDoNotStackAndNeedTheirRule() {
        PriceSnapshot adjusted = PRICE.adjusted(new BigDecimal("-10"), "rule-1");

        assertThatIllegalStateException().isThrownBy(() -> adjusted.adjusted(new BigDecimal("-10"), "rule-2"))
                .withMessageContaining("already adjusted by rule rule-1");
        assertThatIllegalArgumentException().isThrownBy(() -> new PriceSnapshot("p", "m", "USD", BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, Instant.EPOCH, null, new BigDecimal("-10"), null))
                .withMessageContaining("both or neither");
    }

    @Test
    void anAdjustedPriceSurvivesAJsonRoundTripAndAListPriceKeepsItsOldShape() {
        PriceSnapshot adjusted = PRICE.adjusted(new BigDecimal("-12.5"), "rule-negotiated");

        String adjustedJson = ContractJson.toJson(adjusted);
        String listJson = ContractJson.toJson(PRICE);

        assertThat(ContractJson.fromJson(adjustedJson, PriceSnapshot.class)).isEqualTo(adjusted);
        assertThat(adjustedJson).contains("\"adjustmentPercent\":-12.5").contains("\"adjustmentRuleId\":\"rule-negotiated\"");
        assertThat(listJson).doesNotContain("adjustment");
        assertThat(ContractJson.fromJson(listJson, PriceSnapshot.class)).isEqualTo(PRICE);
    }

    @Test
    void aPriceWrittenBeforeAdjustmentsExistedReadsAsAListPrice() {
        String old = """
                {"priceId":"p","modelId":"m","currency":"USD","inputPerMillion":2.50,"outputPerMillion":10.00,
                 "cachedInputPerMillion":1.25,"effectiveFrom":"1970-01-01T00:00:00Z","reasoningPerMillion":null}""";

        PriceSnapshot read = ContractJson.fromJson(old, PriceSnapshot.class);

        assertThat(read).isEqualTo(PRICE);
        assertThat(read.adjustmentPercent()).isNull();
    }

    @Test
    void aTenantOfAnOlderCatalogHasNoAdjustmentsAndANewOneKeepsThem() {
        String old = "{\"id\":\"t\",\"name\":\"bank\",\"allowedModels\":[\"smart\"],\"allowedRegions\":[]}";
        TenantInfo tenant = new TenantInfo("t", "bank", null, null, java.util.List.of(new PriceAdjustment("rule-1",
                "provider-1", null, new BigDecimal("-7.5"), Instant.EPOCH, Instant.EPOCH.plusSeconds(60))));

        assertThat(ContractJson.fromJson(old, TenantInfo.class).priceAdjustments()).isEmpty();
        assertThat(ContractJson.fromJson(ContractJson.toJson(tenant), TenantInfo.class)).isEqualTo(tenant);
    }
}
