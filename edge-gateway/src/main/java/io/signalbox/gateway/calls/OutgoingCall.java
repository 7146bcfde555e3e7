package io.signalbox.gateway.calls;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.tracing.Span;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.SignalType;

/**
 * One call being timed (see {@link OutgoingCalls}): {@link #inject} puts the trace context on its request,
 * {@link #answered} notes the status once the response's headers are in, {@link #failed} an error before that,
 * and {@link #end} records it once, however the call ended. The tags follow WebClient's observation: a call
 * cancelled before its answer (a timeout, a client gone) is {@code status="CLIENT_ERROR"}, one that failed
 * without an answer {@code status="IO_ERROR"}, both with {@code outcome="UNKNOWN"}.
 */
public final class OutgoingCall {

    private final OutgoingCalls calls;

    private final String method;

    private final String uri;

    private final String clientName;

    private final @Nullable Span parent;

    private final @Nullable Span span;

    private final long started = System.nanoTime();

    private final AtomicBoolean ended = new AtomicBoolean();

    private volatile int status = -1;

    private volatile @Nullable Throwable failure;

    OutgoingCall(OutgoingCalls calls, String method, String uri, String clientName, @Nullable Span parent,
            @Nullable Span span) {
        this.calls = calls;
        this.method = method;
        this.uri = uri;
        this.clientName = clientName;
        this.parent = parent;
        this.span = span;
    }

    /** Puts {@code traceparent} on the call: its own span's when the request is sampled, else the request's. */
    public void inject(HttpHeaders headers) {
        Span carried = span != null ? span : parent;
        if (carried != null) {
            calls.inject(carried.context(), headers);
        }
    }

    public void answered(HttpStatusCode answer) {
        status = answer.value();
    }

    /**
     * An error. WebClient's error for an answer that was not a 2xx counts as that answer; any other error counts
     * only when no answer came before it.
     */
    public void failed(Throwable error) {
        if (error instanceof WebClientResponseException answer) {
            status = answer.getStatusCode().value();
        }
        else if (status < 0) {
            failure = error;
        }
    }

    public void end(SignalType signal) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        int answer = status;
        Throwable error = failure;
        String statusTag;
        String outcome;
        if (answer >= 0) {
            statusTag = Integer.toString(answer);
            outcome = outcome(answer);
        }
        else {
            statusTag = error != null ? "IO_ERROR" : "CLIENT_ERROR";
            outcome = "UNKNOWN";
        }
        String exception = answer < 0 && error != null ? error.getClass().getSimpleName() : "none";
        calls.record(method, uri, clientName, statusTag, outcome, exception, System.nanoTime() - started);
        if (span != null) {
            span.tag("status", statusTag).tag("outcome", outcome).tag("exception", exception);
            if (answer < 0 && error != null) {
                span.error(error);
            }
            else if (answer < 0 && signal == SignalType.CANCEL) {
                span.event("cancelled");
            }
            span.end();
        }
    }

    private static String outcome(int status) {
        if (status < 100) {
            return "UNKNOWN";
        }
        if (status < 200) {
            return "INFORMATIONAL";
        }
        if (status < 300) {
            return "SUCCESS";
        }
        if (status < 400) {
            return "REDIRECTION";
        }
        if (status < 500) {
            return "CLIENT_ERROR";
        }
        return status < 600 ? "SERVER_ERROR" : "UNKNOWN";
    }
}
