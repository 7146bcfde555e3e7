package io.signalbox.cost.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.signalbox.cost.report.ReportParametersTests.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReportPlannerTests {

    @ParameterizedTest(name = "{0} .. {1} in {2} by {3} -> {4}")
    @CsvSource(textBlock = """
            2026-11-01,           2026-12-01,           UTC,            day,   DAILY_ROLLUPS
            2026-11-01,           2026-12-01,           UTC,            team,  DAILY_ROLLUPS
            2026-11-01T05:00:00Z, 2026-11-02T00:00:00Z, UTC,            team,  HOURLY_ROLLUPS
            2026-11-01,           2026-12-01,           Europe/Berlin,  day,   HOURLY_ROLLUPS
            2026-03-01,           2026-04-01,           Europe/Berlin,  week,  HOURLY_ROLLUPS
            2026-11-01,           2026-12-01,           -03:00,         month, HOURLY_ROLLUPS
            2026-11-01,           2026-12-01,           Asia/Kolkata,   day,   LINE_ITEMS
            2026-11-01,           2026-12-01,           Asia/Kolkata,   team,  LINE_ITEMS
            2026-11-01T10:30:00Z, 2026-11-02T00:00:00Z, UTC,            team,  LINE_ITEMS
            2026-11-01T00:00:00Z, 2026-11-02T00:00:00.5Z, UTC,          team,  LINE_ITEMS
            """)
    void readsTheCoarsestRollupWhoseGrainFitsThePeriodAndTheBuckets(String from, String to, String zone,
            String groupBy, ReportSource expected) {
        CostReportQuery query = parse("from", from, "to", to, "timeZone", zone, "groupBy", groupBy);

        assertThat(ReportPlanner.plan(query)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            2026-11-01T10:30:00Z, UTC,          hourly-rollups
            2026-11-01T10:00:00Z, UTC,          daily-rollups
            2026-11-01,           Asia/Kolkata, hourly-rollups
            """)
    void refusesToReadARollupThatCannotAnswerExactly(String from, String zone, String source) {
        CostReportQuery query = parse("from", from, "to", "2026-12-01T00:00:00Z", "timeZone", zone,
                "groupBy", "team,day", "source", source);

        assertThatExceptionOfType(InvalidReportQueryException.class)
                .isThrownBy(() -> ReportPlanner.plan(query))
                .satisfies(ex -> assertThat(ex.parameter()).isEqualTo("source"));
    }
}
