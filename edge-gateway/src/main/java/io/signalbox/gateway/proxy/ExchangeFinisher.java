package io.signalbox.gateway.proxy;

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
 * count against the rate limits, logs one line and publishes its single usage event.
 */
@Component
class ExchangeFinisher {

    private static final Logger log = LoggerFactory.getLogger(ExchangeFinisher.class);

    private final UsagePublisher usage;

    private final RateLimiter limiter;

    ExchangeFinisher(UsagePublisher usage, RateLimiter limiter) {
        this.usage = usage;
        this.limiter = limiter;
    }

    void finish(ProxyExchange exchange) {
        if (!exchange.finish()) {
            return;
        }
        LimitCheck limits = exchange.limits;
        KeyIdentity key = exchange.identity;
        if (limits != null && limits.allowed() && key != null) {
            limiter.settleTokens(key, exchange.reservedTokens, exchange.usage.totalTokensOrZero());
        }
        log.info("request {} trace={} model={} served_by={} status={} interrupted={} attempts={} latency_ms={}",
                exchange.requestId, exchange.traceId == null ? "-" : exchange.traceId, exchange.request == null ? "-" : exchange.request.model(),
                exchange.served == null ? "-" : ExchangeFinisher.describe(exchange.served), exchange.httpStatus, exchange.interrupted,
                exchange.attemptCount(), exchange.elapsedMillis());
        GenAiSpanAttributes.finished(exchange);
        usage.publish(exchange.toEvent(), exchange.observation);
    }

    static String describe(DecisionTarget target) {
        return target.modelName() + "@" + (target.endpointId() != null ? target.endpointId() : target.baseUrl());
    }
}
