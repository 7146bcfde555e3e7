package io.signalbox.cost.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReportParametersTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            2026-11-01,                2026-11-01T00:00:00Z
            2026-11-01T10:15:30Z,      2026-11-01T10:15:30Z
            2026-11-01T10:15:30.5Z,    2026-11-01T10:15:30.500Z
            2026-11-01T12:15:30+02:00, 2026-11-01T10:15:30Z
            ' 2026-11-01 ',            2026-11-01T00:00:00Z
            """)
    void readsDatesAsStartOfDayUtcAndInstantsWithAnyOffset(String value, String expected) {
        assertThat(parse("from", value, "to", "2030-01-01").from()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void readsDatesAsStartOfDayInTheReportsTimeZone() {
        CostReportQuery query = parse("from", "2026-11-01", "to", "2026-12-01", "timeZone", "Europe/Berlin");

        assertThat(query.from()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(query.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(parse("from", "2026-11-01", "to", "2026-12-01", "timeZone", "+05:30").from())
                .isEqualTo(Instant.parse("2026-10-31T18:30:00Z"));
        assertThat(parse("from", "2026-11-01", "to", "2026-12-01", "timeZone", "UTC").zone()).isEqualTo(ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(nullValues = "-", textBlock = """
            -,                 team,             -
            team,              team,             -
            'Model,TENANT',    model;tenant,     -
            'team, day',       team,             DAY
            'month',           '',               MONTH
            'tag,week,route',  tag;route,        WEEK
            """)
    void groupsByDimensionsAndAtMostOneCalendarBucket(@Nullable String groupBy, String dimensions,
            @Nullable TimeBucket bucket) {
        CostReportQuery query = groupBy == null ? parse("from", "2026-11-01", "to", "2026-12-01")
                : parse("from", "2026-11-01", "to", "2026-12-01", "groupBy", groupBy, "tagName", "project");

        assertThat(query.groupBy()).extracting(Dimension::apiName)
                .containsExactly(dimensions.isEmpty() ? new String[0] : dimensions.split(";"));
        assertThat(query.bucket()).isEqualTo(bucket);
    }

    @Test
    void repeatedFilterParametersKeepEveryValue() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("from", List.of("2026-11-01"));
        params.put("to", List.of("2026-12-01"));
        params.put("team", List.of("team-a", "team, with comma"));
        params.put("model", List.of("gpt-test"));

        CostReportQuery query = ReportParameters.parse(params, Set.of(), "team");

        assertThat(query.filter(Dimension.TEAM)).containsExactly("team-a", "team, with comma");
        assertThat(query.filter(Dimension.MODEL)).containsExactly("gpt-test");
        assertThat(query.filter(Dimension.TENANT)).isEmpty();
    }

    @Test
    void rejectsAnEmptyOrBackwardsPeriod() {
        assertThatExceptionOfType(InvalidReportQueryException.class)
                .isThrownBy(() -> parse("from", "2026-11-01", "to", "2026-11-01"))
                .satisfies(ex -> assertThat(ex.parameter()).isEqualTo("to"))
                .withMessageContaining("must be after");
        assertThatExceptionOfType(InvalidReportQueryException.class)
                .isThrownBy(() -> parse("from", "2026-11-02T00:00:00Z", "to", "2026-11-01"))
                .satisfies(ex -> assertThat(ex.parameter()).isEqualTo("to"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(textBlock = """
            groupBy,   project
            groupBy,   'day,month'
            groupBy,   'team,team'
            groupBy,   tag
            tagValue,  checkout
            timeZone,  Mars/Olympus
            source,    cache
            teams,     team-a
            """)
    void rejectsWhatItCannotAnswerNamingTheParameter(String name, String value) {
        String expected = name.equals("groupBy") && value.equals("tag") || name.equals("tagValue") ? "tagName" : name;

        assertThatExceptionOfType(InvalidReportQueryException.class)
                .isThrownBy(() -> parse("from", "2026-11-01", "to", "2026-12-01", name, value))
                .satisfies(ex -> assertThat(ex.parameter()).isEqualTo(expected));
    }

    @ParameterizedTest(name = "from={0}")
    @CsvSource(textBlock = """
            2026-11
            2026-11-01T10:00
            2026-11-01T10:00:00
            01.11.2026
            """)
    void rejectsAnUnreadableStartAndShowsTheAcceptedFormats(String from) {
        assertThatExceptionOfType(InvalidReportQueryException.class)
                .isThrownBy(() -> parse("from", from, "to", "2026-12-01"))
                .satisfies(ex -> assertThat(ex.parameter()).isEqualTo("from"))
                .withMessageContaining("2026-11-01T00:00:00Z");
    }

    @Test
    void rejectsAMissingStart() {
        assertThatExceptionOfType(InvalidReportQueryException.class)
                .isThrownBy(() -> parse("to", "2026-12-01"))
                .satisfies(ex -> assertThat(ex.parameter()).isEqualTo("from"))
                .withMessageContaining("required");
    }

    static CostReportQuery parse(String... nameValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            params.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return ReportParameters.parse(params, Set.of(), "team");
    }
}
