package io.signalbox.cost.web;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTests {

    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of("team-a", "team-a"),
                Arguments.of("a,b", "\"a,b\""),
                Arguments.of("say \"hi\"", "\"say \"\"hi\"\"\""),
                Arguments.of("(none)", "(none)"),
                Arguments.of("Zürich 東京", "Zürich 東京"));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @MethodSource("fields")
    void quotesOnlyWhereRfc4180Requires(String value, String expected) {
        assertThat(Csv.field(value)).isEqualTo(expected);
    }

    @Test
    void quotesLineBreaksAndLeavesMissingValuesEmpty() {
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(Csv.field(null)).isEmpty();
    }

    @Test
    void rendersAHeaderAndOneCrlfTerminatedLinePerRowWithExactAmounts() {
        CsvTable table = new CsvTable() {
            @Override
            public List<String> csvHeader() {
                return List.of("group", "currency", "requests", "cost");
            }

            @Override
            public List<List<@Nullable String>> csvRows() {
                return List.of(Arrays.asList("team-a", "USD", "3", "1234567.000001"),
                        Arrays.asList("(none)", null, "1", "0.000000"));
            }
        };

        assertThat(Csv.render(table)).isEqualTo("group,currency,requests,cost\r\n"
                + "team-a,USD,3,1234567.000001\r\n"
                + "(none),,1,0.000000\r\n");
    }
}
