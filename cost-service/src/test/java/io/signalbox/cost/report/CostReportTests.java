package io.signalbox.cost.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostReportTests {

    private static final CostReportQuery NOVEMBER = CostReportQuery.of(Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"));

    @Test
    void sortsRowsByCostHighestFirstThenByGroupAndCurrency() {
        CostReport report = CostReport.of(NOVEMBER, ReportSource.LINE_ITEMS, List.of(
                row("team-b", "USD", 1, "1.5"),
                row("team-a", "USD", 1, "1.5"),
                row("team-a", "EUR", 1, "1.5"),
                row("team-c", "USD", 1, "12.000001"),
                row("(none)", null, 3, "0")));

        assertThat(report.rows()).extracting(r -> r.label() + "/" + r.currency())
                .containsExactly("team-c/USD", "team-a/EUR", "team-a/USD", "team-b/USD", "(none)/null");
    }

    @Test
    void bucketedRowsComeInTimeOrderFirst() {
        CostReport report = CostReport.of(NOVEMBER, ReportSource.LINE_ITEMS, List.of(
                new CostReportRow(List.of("team-a"), LocalDate.parse("2026-11-02"), "USD", measures(1, "9")),
                new CostReportRow(List.of("team-a"), LocalDate.parse("2026-11-01"), "USD", measures(1, "1")),
                new CostReportRow(List.of("team-b"), LocalDate.parse("2026-11-01"), "USD", measures(1, "2"))));

        assertThat(report.rows()).extracting(r -> r.period() + " " + r.label())
                .containsExactly("2026-11-01 team-b", "2026-11-01 team-a", "2026-11-02 team-a");
    }

    @Test
    void totalsPerCurrencyNeverMixCurrencies() {
        CostReport report = CostReport.of(NOVEMBER, ReportSource.LINE_ITEMS, List.of(
                row("team-a", "USD", 2, "0.000001"),
                row("team-b", "USD", 3, "0.999999"),
                row("team-a", "EUR", 4, "7.25"),
                row("team-c", null, 5, "0")));

        assertThat(report.totals()).extracting(t -> t.currency() + " " + t.measures().requests() + " "
                + t.measures().cost().toPlainString())
                .containsExactly("EUR 4 7.250000", "USD 5 1.000000", "null 5 0.000000");
    }

    @Test
    void amountsAlwaysCarrySixDecimals() {
        CostReport report = CostReport.of(NOVEMBER, ReportSource.LINE_ITEMS, List.of(row("team-a", "USD", 1, "3")));

        assertThat(report.rows().get(0).measures().cost().toPlainString()).isEqualTo("3.000000");
        assertThat(report.totals().get(0).measures().cost().toPlainString()).isEqualTo("3.000000");
    }

    @Test
    void joinsTheLabelsOfSeveralDimensions() {
        assertThat(new CostReportRow(List.of("team-a", "gpt-test"), null, "USD", measures(1, "1")).label())
                .isEqualTo("team-a / gpt-test");
    }

    @Test
    void costPer1000RequestsIsRoundedHalfEvenToSixDecimals() {
        assertThat(UnitCosts.per1000(measures(3, "0.000001"))).isEqualByComparingTo("0.000333");
        assertThat(UnitCosts.per1000(measures(8, "0.000001"))).isEqualByComparingTo("0.000125");
        assertThat(UnitCosts.per1000(measures(16, "0.000001"))).as("0.0000625 half-even").isEqualByComparingTo("0.000062");
    }

    @Test
    void previousPeriodOfWholeMonthsIsTheSameNumberOfWholeMonths() {
        CostReportQuery november = ReportParametersTests.parse("from", "2026-11-01", "to", "2026-12-01");
        CostReportQuery twoDays = ReportParametersTests.parse("from", "2026-11-10", "to", "2026-11-12");
        CostReportQuery berlinQuarter = ReportParametersTests.parse("from", "2026-04-01", "to", "2026-07-01",
                "timeZone", "Europe/Berlin");

        assertThat(PeriodComparison.previousPeriod(november).from()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(PeriodComparison.previousPeriod(november).to()).isEqualTo(november.from());
        assertThat(PeriodComparison.previousPeriod(twoDays).from()).isEqualTo(Instant.parse("2026-11-08T00:00:00Z"));
        assertThat(PeriodComparison.previousPeriod(berlinQuarter).from()).as("January 1st in Berlin, winter time")
                .isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
    }

    private static CostReportRow row(String group, @Nullable String currency, long requests, String cost) {
        return new CostReportRow(List.of(group), null, currency, measures(requests, cost));
    }

    private static Measures measures(long requests, String cost) {
        return new Measures(requests, requests * 10, requests, 0, 0, 0, 0, new BigDecimal(cost));
    }
}
