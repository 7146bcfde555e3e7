package io.signalbox.cost.report;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CostReportQueryTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            2026-11-01,                2026-11-01T00:00:00Z
            2026-11-01T10:15:30Z,      2026-11-01T10:15:30Z
            2026-11-01T10:15:30.5Z,    2026-11-01T10:15:30.500Z
            2026-11-01T12:15:30+02:00, 2026-11-01T10:15:30Z
            ' 2026-11-01 ',            2026-11-01T00:00:00Z
            """)
    void readsDatesAsStartOfDayUtcAndInstantsWithAnyOffset(String value, String expected) {
        CostReportQuery query = CostReportQuery.parse(value, "2030-01-01", null);

        assertThat(query.from()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", textBlock = """
            -,       TEAM
            '',      TEAM
            team,    TEAM
            Model,   MODEL
            TENANT,  TENANT
            """)
    void groupsByTeamUnlessToldOtherwise(String groupBy, GroupBy expected) {
        assertThat(CostReportQuery.parse("2026-11-01", "2026-12-01", groupBy).groupBy()).isEqualTo(expected);
    }

    @Test
    void rejectsAnEmptyOrBackwardsPeriod() {
        assertThatExceptionOfType(InvalidReportQueryException.class)
                .isThrownBy(() -> CostReportQuery.parse("2026-11-01", "2026-11-01", null))
                .satisfies(ex -> assertThat(ex.parameter()).isEqualTo("to"))
                .withMessageContaining("must be after");
        assertThatExceptionOfType(InvalidReportQueryException.class)
                .isThrownBy(() -> CostReportQuery.parse("2026-11-02T00:00:00Z", "2026-11-01", null))
                .satisfies(ex -> assertThat(ex.parameter()).isEqualTo("to"));
    }

    @Test
    void rejectsAnUnknownGroupingAndSaysWhichAreKnown() {
        assertThatExceptionOfType(InvalidReportQueryException.class)
                .isThrownBy(() -> CostReportQuery.parse("2026-11-01", "2026-12-01", "project"))
                .satisfies(ex -> assertThat(ex.parameter()).isEqualTo("groupBy"))
                .withMessage("groupBy must be one of team, model, tenant, not 'project'.");
    }

    @ParameterizedTest(name = "from={0}")
    @CsvSource(nullValues = "-", textBlock = """
            -
            ''
            2026-11
            2026-11-01T10:00
            2026-11-01T10:00:00
            01.11.2026
            """)
    void rejectsAMissingOrUnreadableStartAndShowsTheAcceptedFormats(String from) {
        assertThatExceptionOfType(InvalidReportQueryException.class)
                .isThrownBy(() -> CostReportQuery.parse(from, "2026-12-01", null))
                .satisfies(ex -> assertThat(ex.parameter()).isEqualTo("from"))
                .withMessageContaining("2026-11-01T00:00:00Z");
    }
}
