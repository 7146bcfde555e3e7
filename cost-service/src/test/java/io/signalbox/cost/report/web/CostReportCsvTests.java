package io.signalbox.cost.report.web;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class CostReportCsvTests {

    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of("team-a", "team-a"),
                Arguments.of("a,b", "\"a,b\""),
                Arguments.of("say \"hi\"", "\"say \"\"hi\"\"\""),
                Arguments.of("(none)", "(none)"));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @MethodSource("fields")
    void quotesOnlyWhereRfc4180Requires(String value, String expected) {
        assertThat(CostReportCsv.field(value)).isEqualTo(expected);
    }

    @Test
    void quotesLineBreaksAndLeavesMissingValuesEmpty() {
        assertThat(CostReportCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CostReportCsv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(CostReportCsv.field(null)).isEmpty();
    }

    @Test
    void rendersAHeaderAndOneCrlfTerminatedLinePerRowWithExactAmounts() {
        CostReportResponse report = new CostReportResponse("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "team",
                List.of(new CostReportResponse.Row("team-a", "USD", 3, 1200, 300, 100, "1234567.000001"),
                        new CostReportResponse.Row("(none)", null, 1, 5, 0, 0, "0.000000")),
                List.of());

        assertThat(CostReportCsv.render(report)).isEqualTo(
                "group,currency,requests,promptTokens,completionTokens,cachedPromptTokens,cost\r\n"
                        + "team-a,USD,3,1200,300,100,1234567.000001\r\n"
                        + "(none),,1,5,0,0,0.000000\r\n");
    }
}
