package io.signalbox.gateway.calls;

import java.net.ConnectException;
import java.net.URI;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The series operators see for the gateway's own calls: the tags of WebClient's {@code http.client.requests},
 * one sample per call however it ended.
 */
class OutgoingCallsTests {

    static final URI DECISIONS = URI.create("http://routing.internal:8081/v1/decisions");

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    final OutgoingCalls calls = new OutgoingCalls(meters, Tracer.NOOP, TraceHeaders.NONE);

    @Test
    void anAnsweredCallIsTimedUnderItsStatusAndOutcome() {
        OutgoingCall call = start();
        call.answered(HttpStatus.OK);
        call.end(SignalType.ON_COMPLETE);

        Timer timer = timer("200", "SUCCESS", "none");
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.getId().getTag("method")).isEqualTo("POST");
        assertThat(timer.getId().getTag("uri")).isEqualTo("/v1/decisions");
        assertThat(timer.getId().getTag("client.name")).isEqualTo("routing.internal");
        assertThat(timer.getId().getTag("error")).isEqualTo("none");
    }

    @Test
    void aCallThatFailedBeforeAnyAnswerIsAnIoErrorNamingTheException() {
        OutgoingCall call = start();
        call.failed(new ConnectException("Connection refused"));
        call.end(SignalType.ON_ERROR);

        Timer timer = timer("IO_ERROR", "UNKNOWN", "ConnectException");
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.getId().getTag("error")).isEqualTo("ConnectException");
    }

    @Test
    void aCallCancelledBeforeItsAnswerIsAClientErrorOfUnknownOutcome() {
        OutgoingCall call = start();
        call.end(SignalType.CANCEL);

        assertThat(timer("CLIENT_ERROR", "UNKNOWN", "none").count()).isEqualTo(1);
    }

    @Test
    void anErrorMadeFromAnAnswerKeepsTheAnswersStatus() {
        OutgoingCall call = start();
        call.answered(HttpStatus.SERVICE_UNAVAILABLE);
        call.failed(new IllegalStateException("503 from routing-service"));
        call.end(SignalType.ON_ERROR);

        assertThat(timer("503", "SERVER_ERROR", "none").count()).isEqualTo(1);
    }

    @Test
    void aNon2xxAnswerWebClientTurnedIntoAnErrorCountsAsThatAnswer() {
        OutgoingCall call = start();
        call.failed(WebClientResponseException.create(HttpStatus.NOT_FOUND.value(), "Not Found", new HttpHeaders(),
                new byte[0], null));
        call.end(SignalType.ON_ERROR);

        assertThat(timer("404", "CLIENT_ERROR", "none").count()).isEqualTo(1);
    }

    @Test
    void aCallIsRecordedOnceHoweverManyWaysItEnds() {
        OutgoingCall call = start();
        call.answered(HttpStatus.OK);
        call.end(SignalType.ON_COMPLETE);
        call.end(SignalType.CANCEL);

        assertThat(meters.find(OutgoingCalls.METRIC).timers()).hasSize(1);
        assertThat(timer("200", "SUCCESS", "none").count()).isEqualTo(1);
    }

    @Test
    void aCallMadeOutsideAnyRequestCarriesNoTraceContext() {
        HttpHeaders headers = new HttpHeaders();
        start().inject(headers);

        assertThat(headers.isEmpty()).isTrue();
    }

    OutgoingCall start() {
        return calls.startIn(Context.empty(), HttpMethod.POST, "/v1/decisions", DECISIONS);
    }

    Timer timer(String status, String outcome, String exception) {
        Timer timer = meters.find(OutgoingCalls.METRIC)
                .tags("status", status, "outcome", outcome, "exception", exception).timer();
        assertThat(timer).as("a timer with status=%s outcome=%s exception=%s in %s", status, outcome, exception,
                meters.getMetersAsString()).isNotNull();
        return timer;
    }
}
