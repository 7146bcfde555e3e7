package io.signalbox.simulator.endpoint;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogTests {

    @Test
    void keepsTheMostRecentRequestsOldestFirst() {
        RequestLog log = new RequestLog(3);

        for (int index = 1; index <= 5; index++) {
            log.record(request("m" + index));
        }

        assertThat(log.snapshot()).extracting(RecordedRequest::model).containsExactly("m3", "m4", "m5");
    }

    @Test
    void keepsNothingWithZeroCapacity() {
        RequestLog log = new RequestLog(0);

        log.record(request("m1"));

        assertThat(log.snapshot()).isEmpty();
    }

    @Test
    void recordsThatCredentialsWereSentButNeverTheirValue() {
        Map<String, String> sent = Map.of(
                "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "authorization", "Bearer sk-secret",
                "x-request-id", "req-1",
                "cookie", "session=abc");

        Map<String, String> recorded = RecordedRequest.selectHeaders(sent::get);

        assertThat(recorded).containsExactly(
                Map.entry("authorization", "present"),
                Map.entry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
                Map.entry("x-request-id", "req-1"));
    }

    private static RecordedRequest request(String model) {
        return new RecordedRequest("POST", "/v1/chat/completions", model, false, Map.of(), Instant.now());
    }
}
