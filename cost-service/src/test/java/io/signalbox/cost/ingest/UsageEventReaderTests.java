package io.signalbox.cost.ingest;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.json.ContractJson.MalformedEventException;
import io.signalbox.contracts.usage.UsageRecorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.signalbox.cost.UsageEventBuilder.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UsageEventReaderTests {

    @Test
    void readsWhatTheGatewayWrites() {
        UsageRecorded event = usage().build();

        assertThat(UsageEventReader.read(ContractJson.toJson(event))).isEqualTo(event);
    }

    @Test
    void namesEveryMissingRequiredField() {
        String json = ContractJson.toJson(usage().build())
                .replaceFirst("\"tenantId\":\"[^\"]+\",", "")
                .replaceFirst("\"startedAt\":\"[^\"]+\",", "");

        assertThatExceptionOfType(InvalidUsageEventException.class)
                .isThrownBy(() -> UsageEventReader.read(json))
                .withMessageContaining("lacks tenantId, startedAt");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "   " })
    void rejectsAnEmptyMessage(String payload) {
        assertThatExceptionOfType(InvalidUsageEventException.class).isThrownBy(() -> UsageEventReader.read(payload));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "[1,2]", "{\"tags\":null}" })
    void rejectsWhatIsNotAUsageEvent(String payload) {
        assertThatExceptionOfType(MalformedEventException.class).isThrownBy(() -> UsageEventReader.read(payload));
    }
}
