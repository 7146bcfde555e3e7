package io.signalbox.cost.report;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostReportTests {

    private static final CostReportQuery NOVEMBER = CostReportQuery.parse("2026-11-01", "2026-12-01", "team");

    @Test
    void sortsRowsByCostHighestFirstThenByGroupAndCurrency() {
        CostReport report = CostReport.of(NOVEMBER, List.of(
                row("team-b", "USD", 1, "1.5"),
                row("team-a", "USD", 1, "1.5"),
                row("team-a", "EUR", 1, "1.5"),
                row("team-c", "USD", 1, "12.000001"),
                row("(none)", null, 3, "0")));

        assertThat(report.rows()).extracting(r -> r.group() + "/" + r.currency())
                .containsExactly("team-c/USD", "team-a/EUR", "team-a/USD", "team-b/USD", "(none)/null");
    }

    @Test
    void totalsPerCurrencyNeverMixCurrencies() {
        CostReport report = CostReport.of(NOVEMBER, List.of(
                row("team-a", "USD", 2, "0.000001"),
                row("team-b", "USD", 3, "0.999999"),
                row("team-a", "EUR", 4, "7.25"),
                row("team-c", null, 5, "0")));

        assertThat(report.totals()).containsExactly(
                new CurrencyTotal("EUR", 4, new BigDecimal("7.250000")),
                new CurrencyTotal("USD", 5, new BigDecimal("1.000000")),
                new CurrencyTotal(null, 5, new BigDecimal("0.000000")));
    }

    @Test
    void amountsAlwaysCarrySixDecimals() {
        CostReport report = CostReport.of(NOVEMBER, List.of(row("team-a", "USD", 1, "3")));

        assertThat(report.rows().get(0).cost().toPlainString()).isEqualTo("3.000000");
        assertThat(report.totals().get(0).cost().toPlainString()).isEqualTo("3.000000");
    }

    @Test
    void labelsLineItemsWithoutAGroupValueAsNone() {
        assertThat(GroupBy.label(null)).isEqualTo("(none)");
        assertThat(GroupBy.label("team-a")).isEqualTo("team-a");
    }

    private static CostReportRow row(String group, String currency, long requests, String cost) {
        return new CostReportRow(group, currency, requests, requests * 10, requests, 0, new BigDecimal(cost));
    }
}
