package io.signalbox.telemetry.ingest;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.json.ContractJson.MalformedEventException;
import io.signalbox.contracts.usage.UsageRecorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.signalbox.telemetry.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UsageEventReaderTests {

    @Test
    void readsWhatTheGatewayWrites() {
        UsageRecorded event = usage().streamed(80).build();

        assertThat(UsageEventReader.read(ContractJson.toJson(event))).isEqualTo(event);
    }

    @Test
    void rejectsAnEventWithoutAnIdBecauseItCouldNotBeDeduplicated() {
        String json = ContractJson.toJson(usage().build()).replaceFirst("\"eventId\":\"[^\"]+\",", "");

        assertThatExceptionOfType(InvalidUsageEventException.class).isThrownBy(() -> UsageEventReader.read(json));
    }

    @Test
    void rejectsNegativeDurationsAHistogramCannotHold() {
        assertThatExceptionOfType(InvalidUsageEventException.class)
                .isThrownBy(() -> UsageEventReader.read(ContractJson.toJson(usage().latency(-1).build())));
        assertThatExceptionOfType(InvalidUsageEventException.class)
                .isThrownBy(() -> UsageEventReader.read(ContractJson.toJson(usage().streamed(-5).build())));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsAnEmptyMessage(String payload) {
        assertThatExceptionOfType(InvalidUsageEventException.class).isThrownBy(() -> UsageEventReader.read(payload));
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage", "{\"eventId\": 12}" })
    void rejectsWhatIsNotAUsageEvent(String payload) {
        assertThatExceptionOfType(MalformedEventException.class).isThrownBy(() -> UsageEventReader.read(payload));
    }
}
