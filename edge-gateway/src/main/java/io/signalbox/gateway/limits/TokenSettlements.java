package io.signalbox.gateway.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.gateway.GatewayProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Books the differences between the tokens requests reserved and the tokens they really used. One Redis call
 * per request for this cost a round trip on every request; instead the differences are summed per counter in
 * memory and added every {@code limits-settle-interval}, with one script call per tenant (a tenant's counters
 * share a Redis Cluster hash slot). Other replicas see a correction at most one interval late; reservations
 * themselves are counted at once, by the check that admits the request. The same runs give back the units of
 * {@link LimitLeases} whose minute has ended, as negative corrections.
 *
 * <p>Stopping gives back every leased unit and books what is pending. It stops after the web server (no request
 * is left to settle) and before the Redis connections. When Redis cannot be reached, the sums are kept for the
 * next run as long as their minute still weighs in the sliding window, and dropped after that; each failed call
 * is counted in {@code signalbox.gateway.ratelimit.unavailable}.
 */
@Component
public class TokenSettlements implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TokenSettlements.class);

    private static final RedisScript<Long> SCRIPT = LuaScripts.load("scripts/settle-tokens.lua",
            Long.class);

    /** One counter to correct: a tenant's token window of one minute. */
    record PendingCounter(String tenantId, String bucket, long minute) {
    }

    private final Map<PendingCounter, Long> pending = new ConcurrentHashMap<>();

    private final ReactiveStringRedisTemplate redis;

    private final Clock clock;

    private final Duration interval;

    private final Duration timeout;

    private final Counter unavailable;

    private final LimitLeases leases;

    private @Nullable ScheduledExecutorService runs;

    TokenSettlements(ReactiveStringRedisTemplate redis, Clock clock, GatewayProperties properties,
            MeterRegistry meters, LimitLeases leases) {
        this.redis = redis;
        this.leases = leases;
        this.clock = clock;
        this.interval = properties.limitsSettleInterval();
        this.timeout = properties.limitsTimeout();
        this.unavailable = RateLimiter.unavailableCounter(meters);
    }

    /** Adds a correction to a counter's pending sum; booked with the next run. */
    void add(String tenantId, String bucket, long minute, long tokens) {
        pending.merge(new PendingCounter(tenantId, bucket, minute), tokens, Long::sum);
    }

    /** Gives unused leased units back to their minute's counter; booked with the next run. */
    void giveBack(String tenantId, String bucket, long minute, long units) {
        add(tenantId, bucket, minute, -units);
    }

    /** How many counters have a correction waiting. */
    int pendingCounters() {
        return pending.size();
    }

    /**
     * Books every pending correction, one call per tenant, and waits for the answers (at most the timeout). Units
     * leased in minutes that have ended go back first.
     */
    void flush() {
        leases.retire(clock.millis() / RateLimiter.WINDOW_MILLIS, this::giveBack);
        Map<String, Map<PendingCounter, Long>> byTenant = new HashMap<>();
        for (PendingCounter counter : List.copyOf(pending.keySet())) {
            Long tokens = pending.remove(counter); // atomic against merge: no correction is lost or booked twice
            if (tokens != null && tokens != 0) {
                byTenant.computeIfAbsent(counter.tenantId(), tenant -> new HashMap<>()).put(counter, tokens);
            }
        }
        if (byTenant.isEmpty()) {
            return;
        }
        List<Mono<Void>> calls = new ArrayList<>();
        for (Map<PendingCounter, Long> corrections : byTenant.values()) {
            calls.add(book(corrections));
        }
        Mono.when(calls).block();
    }

    private Mono<Void> book(Map<PendingCounter, Long> corrections) {
        List<String> keys = new ArrayList<>(corrections.size());
        List<String> args = new ArrayList<>(corrections.size());
        corrections.forEach((counter, tokens) -> {
            keys.add(counter.bucket());
            args.add(Long.toString(tokens));
        });
        return redis.execute(SCRIPT, keys, args).next().timeout(timeout).then().onErrorResume(failure -> {
            unavailable.increment();
            long oldestStillCounted = clock.millis() / RateLimiter.WINDOW_MILLIS - 1;
            corrections.forEach((counter, tokens) -> {
                if (counter.minute() >= oldestStillCounted) {
                    pending.merge(counter, tokens, Long::sum);
                }
            });
            // every run fails while Redis is down, and each admitted request already logs the outage
            log.debug("Rate-limit store unreachable, {} token corrections kept for the next run: {}",
                    corrections.size(), failure.toString());
            return Mono.empty();
        });
    }

    private void flushLogged() {
        try {
            flush();
        }
        catch (RuntimeException ex) {
            log.warn("Token settlement run failed; the corrections are retried with the next run", ex);
        }
    }

    @Override
    public synchronized void start() {
        if (runs == null) {
            runs = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ratelimit-settle")
                    .daemon().factory());
            runs.scheduleWithFixedDelay(this::flushLogged, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService stopping = runs;
        runs = null;
        if (stopping != null) {
            stopping.shutdown();
            try {
                stopping.awaitTermination(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        leases.retireAll(this::giveBack);
        flushLogged();
    }

    @Override
    public synchronized boolean isRunning() {
        return runs != null;
    }

    /** Stops after the web server (no request left to settle), before the Redis connections (phase 0). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
