package io.signalbox.gateway.proxy;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.decision.DecisionTarget;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.gateway.limits.LimitCheck;
import io.signalbox.gateway.limits.RateLimiter;
import io.signalbox.gateway.usage.UsagePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends a request exactly once, however it ends (answered, failed, cut, abandoned): books its real token
 * count against the rate limits, writes its access line (logger {@code io.signalbox.gateway.access}, at INFO; off by
 * default) and publishes its single usage event. It also counts the client
 * requests in flight, from {@link #begin} to their end ({@code signalbox.gateway.requests.in.flight}).
 */
@Component
class ExchangeFinisher {

    /** One line per request; every field of it is on the usage event too. */
    private static final Logger access = LoggerFactory.getLogger("io.signalbox.gateway.access");

    private final UsagePublisher usage;

    private final RateLimiter limiter;

    private final AtomicInteger inFlight = new AtomicInteger();

    ExchangeFinisher(UsagePublisher usage, RateLimiter limiter, MeterRegistry meters) {
        this.usage = usage;
        this.limiter = limiter;
        Gauge.builder("signalbox.gateway.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Client requests on /v1/* received and not yet ended (answered, failed, cut or abandoned)")
                .register(meters);
    }

    /** A client request arrived; it is in flight until {@link #finish} ends it. */
    void begin() {
        inFlight.incrementAndGet();
    }

    void finish(ProxyExchange exchange) {
        if (!exchange.finish()) {
            return;
        }
        if (exchange.mirrorOf == null) {
            inFlight.decrementAndGet();
        }
        KeyIdentity key = exchange.identity;
        if (key == null) {
            return; // never authenticated: nothing to book, log or record
        }
        LimitCheck limits = exchange.limits;
        if (limits != null && limits.allowed()) {
            limiter.settleTokens(key, exchange.reservedTokens, exchange.usage.totalTokensOrZero());
        }
        if (access.isInfoEnabled()) {
            access.info("request {} trace={} model={} served_by={} status={} interrupted={} attempts={} latency_ms={}",
                    exchange.requestId, exchange.traceId == null ? "-" : exchange.traceId,
                    exchange.request == null ? "-" : exchange.request.model(),
                    exchange.served == null ? "-" : ExchangeFinisher.describe(exchange.served), exchange.httpStatus,
                    exchange.interrupted, exchange.attemptCount(), exchange.elapsedMillis());
        }
        GenAiSpanAttributes.finished(exchange);
        usage.publish(exchange.toEvent(), exchange.observation);
    }

    static String describe(DecisionTarget target) {
        return target.modelName() + "@" + (target.endpointId() != null ? target.endpointId() : target.baseUrl());
    }
}
