package io.signalbox.telemetry.window;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.signalbox.contracts.usage.Attempt;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.contracts.usage.UsageRecorded;
import io.signalbox.telemetry.catalog.ModelDirectory;
import org.jspecify.annotations.Nullable;

/**
 * The upstream calls behind one usage event, for the serving views. Each attempt that reached (or tried to
 * reach) a target is a call; attempts that never left the gateway (an open circuit, an operation the target
 * does not support, credentials that could not be fetched) are not. A call is an error when the target is to
 * blame: a timeout, a connection or stream failure, an upstream 5xx, 408 or 429, or refused credentials. An
 * upstream 4xx about the request itself and a stream the client cancelled are not the target's fault.
 *
 * <p>The answering (last) call carries the event's tokens and cost. Its time to first token is taken only when
 * it was the only call: the event measures TTFT from the start of the request, retries included.
 */
final class Calls {

    static final String CLIENT_CANCELLED = "client_cancelled";

    private static final Set<String> NOT_A_CALL = Set.of("circuit_open", "unsupported_operation",
            "credentials_unavailable");

    private Calls() {
    }

    /**
     * One call of one model, and the observation it counts as.
     *
     * @param endpointId the pool endpoint; null for a provider-hosted model
     */
    record Call(String modelId, @Nullable String modelName, @Nullable String endpointId, @Nullable String poolId,
            @Nullable String providerId, Observation observation) {

        SeriesLabels labels() {
            return new SeriesLabels(modelId, modelName, providerId, poolId, null, endpointId == null);
        }
    }

    static List<Call> of(UsageRecorded event, long atMillis, ModelDirectory directory) {
        List<Attempt> attempts = event.attempts();
        if (attempts.isEmpty()) {
            return event.modelId() == null ? List.of() : List.of(answered(event, atMillis, event.ttftMillis()));
        }
        List<Attempt> real = new ArrayList<>(attempts.size());
        for (Attempt attempt : attempts) {
            if (!NOT_A_CALL.contains(attempt.outcome())) {
                real.add(attempt);
            }
        }
        List<Call> calls = new ArrayList<>(real.size());
        for (int i = 0; i < real.size(); i++) {
            Attempt attempt = real.get(i);
            boolean last = i == real.size() - 1;
            boolean answering = last && attempt.modelId().equals(event.modelId());
            if (answering) {
                calls.add(answeringCall(event, attempt, atMillis, real.size() == 1 ? event.ttftMillis() : null));
            }
            else {
                String providerId = attempt.modelId().equals(event.modelId()) ? event.providerId()
                        : directory.providerOf(attempt.modelId());
                String modelName = attempt.modelId().equals(event.modelId()) ? event.modelName()
                        : directory.nameOf(attempt.modelId());
                String poolId = attempt.endpointId() != null && attempt.endpointId().equals(event.endpointId())
                        ? event.poolId() : null;
                String errorClass = attemptError(attempt, null);
                calls.add(new Call(attempt.modelId(), modelName, attempt.endpointId(), poolId, providerId,
                        new Observation(atMillis, errorClass, attempt.durationMillis(), null, null, null, null, null,
                                null)));
            }
        }
        return calls;
    }

    /** An event without attempts (from a gateway that did not record them): one call, judged by the event. */
    private static Call answered(UsageRecorded event, long atMillis, @Nullable Long ttft) {
        String errorClass = event.succeeded() || !targetsFault(event) ? null : errorClassOf(event);
        long latency = CLIENT_CANCELLED.equals(event.errorClass()) ? -1 : event.latencyMillis();
        return call(event, event.endpointId(), atMillis, errorClass, latency, ttft);
    }

    private static Call answeringCall(UsageRecorded event, Attempt attempt, long atMillis, @Nullable Long ttft) {
        String errorClass = attemptError(attempt, event);
        long latency = CLIENT_CANCELLED.equals(event.errorClass()) ? -1 : attempt.durationMillis();
        return call(event, attempt.endpointId(), atMillis, errorClass, latency, ttft);
    }

    private static Call call(UsageRecorded event, @Nullable String endpointId, long atMillis,
            @Nullable String errorClass, long latency, @Nullable Long ttft) {
        TokenUsage usage = event.usage();
        String modelId = event.modelId();
        if (modelId == null) {
            throw new IllegalArgumentException("a call needs a model");
        }
        String poolId = endpointId != null && endpointId.equals(event.endpointId()) ? event.poolId() : null;
        return new Call(modelId, event.modelName(), endpointId, poolId, event.providerId(),
                new Observation(atMillis, errorClass, latency, ttft, usage.promptTokens(), usage.completionTokens(),
                        usage.cachedPromptTokens(), event.price() == null ? null : event.price().currency(),
                        event.price() == null ? null : event.cost()));
    }

    /** The attempt's error class when the target is to blame, else null. */
    private static @Nullable String attemptError(Attempt attempt, @Nullable UsageRecorded answered) {
        String outcome = attempt.outcome();
        Integer status = attempt.httpStatus();
        return switch (outcome) {
            case "success" -> null;
            case "http_error" -> status != null && blamesTarget(status) ? "upstream_" + status : null;
            case "interrupted" -> answered == null ? "interrupted"
                    : CLIENT_CANCELLED.equals(answered.errorClass()) ? null
                    : answered.errorClass() != null ? answered.errorClass() : "interrupted";
            default -> outcome;
        };
    }

    private static boolean targetsFault(UsageRecorded event) {
        if (CLIENT_CANCELLED.equals(event.errorClass())) {
            return false;
        }
        return event.interrupted() || event.httpStatus() < 400 || blamesTarget(event.httpStatus());
    }

    private static boolean blamesTarget(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    private static String errorClassOf(UsageRecorded event) {
        if (event.errorClass() != null) {
            return event.errorClass();
        }
        return event.interrupted() ? "interrupted" : "http_" + event.httpStatus();
    }
}
