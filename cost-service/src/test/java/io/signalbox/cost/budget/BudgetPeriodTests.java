package io.signalbox.cost.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Calendar periods in the budget's time zone, daylight-saving changes included. */
class BudgetPeriodTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest(name = "{0} {1} in {2}")
    @CsvSource(textBlock = """
            monthly, 2026-11-21T10:00:00Z,      UTC,              2026-11,    2026-11-01T00:00:00Z, 2026-12-01T00:00:00Z
            monthly, 2026-11-30T23:30:00Z,      Europe/Berlin,    2026-12,    2026-11-30T23:00:00Z, 2026-12-31T23:00:00Z
            monthly, 2026-03-15T12:00:00Z,      Europe/Berlin,    2026-03,    2026-02-28T23:00:00Z, 2026-03-31T22:00:00Z
            monthly, 2026-10-31T22:59:59.999Z,  Europe/Berlin,    2026-10,    2026-09-30T22:00:00Z, 2026-10-31T23:00:00Z
            monthly, 2026-12-31T11:00:00Z,      Pacific/Auckland, 2027-01,    2026-12-31T11:00:00Z, 2027-01-31T11:00:00Z
            daily,   2026-11-21T10:00:00Z,      UTC,              2026-11-21, 2026-11-21T00:00:00Z, 2026-11-22T00:00:00Z
            daily,   2026-11-21T23:30:00Z,      Europe/Berlin,    2026-11-22, 2026-11-21T23:00:00Z, 2026-11-22T23:00:00Z
            daily,   2026-11-22T03:00:00Z,      America/New_York, 2026-11-21, 2026-11-21T05:00:00Z, 2026-11-22T05:00:00Z
            """)
    void aPeriodIsTheCalendarDayOrMonthInTheBudgetsZone(String period, String at, String zone, String name,
            String start, String end) {
        PeriodWindow window = BudgetPeriod.fromWire(period).containing(Instant.parse(at), ZoneId.of(zone));

        assertThat(window).isEqualTo(new PeriodWindow(name, Instant.parse(start), Instant.parse(end)));
        assertThat(window.contains(Instant.parse(at))).isTrue();
    }

    @Test
    void theDayClocksGoForwardHas23HoursAndTheDayTheyGoBack25() {
        PeriodWindow spring = BudgetPeriod.DAILY.containing(Instant.parse("2026-03-29T12:00:00Z"), BERLIN);
        PeriodWindow autumn = BudgetPeriod.DAILY.containing(Instant.parse("2026-10-25T12:00:00Z"), BERLIN);

        assertThat(Duration.between(spring.start(), spring.end())).isEqualTo(Duration.ofHours(23));
        assertThat(Duration.between(autumn.start(), autumn.end())).isEqualTo(Duration.ofHours(25));
        assertThat(autumn.start()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
        assertThat(BudgetPeriod.MONTHLY.containing(Instant.parse("2026-03-10T00:00:00Z"), BERLIN))
                .satisfies(march -> assertThat(Duration.between(march.start(), march.end()))
                        .isEqualTo(Duration.ofDays(31).minusHours(1)));
    }

    @Test
    void aDayWhoseMidnightDoesNotExistStartsAtItsFirstLocalTime() {
        // Chile moves its clocks from 24:00 to 01:00: 2026-09-06 00:00 never happens in Santiago.
        PeriodWindow day = BudgetPeriod.DAILY.containing(Instant.parse("2026-09-06T12:00:00Z"),
                ZoneId.of("America/Santiago"));

        assertThat(day.name()).isEqualTo("2026-09-06");
        assertThat(day.start()).isEqualTo(Instant.parse("2026-09-06T04:00:00Z"));
        assertThat(Duration.between(day.start(), day.end())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void aPeriodIncludesItsFirstInstantAndNotItsEnd() {
        PeriodWindow november = BudgetPeriod.MONTHLY.containing(Instant.parse("2026-11-01T00:00:00Z"),
                ZoneId.of("UTC"));

        assertThat(november.name()).isEqualTo("2026-11");
        assertThat(november.contains(Instant.parse("2026-11-01T00:00:00Z"))).isTrue();
        assertThat(november.contains(Instant.parse("2026-12-01T00:00:00Z"))).isFalse();
        assertThat(BudgetPeriod.MONTHLY.containing(Instant.parse("2026-12-01T00:00:00Z"), ZoneId.of("UTC")).name())
                .isEqualTo("2026-12");
    }
}
