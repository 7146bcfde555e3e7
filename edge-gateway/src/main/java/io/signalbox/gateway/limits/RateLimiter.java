package io.signalbox.gateway.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.gateway.GatewayProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Enforces a key's own limits and its team's shared limits on requests and tokens per minute. Counters
 * live in Redis so that every gateway replica sees the same use; a request is checked and counted in one
 * script call, atomically across all its limits. The window slides: the previous minute's count weighs
 * in proportion to how much of it still overlaps the last sixty seconds, and the estimate rounds up, so a key
 * that used its whole limit just before the minute turned gets no extra request just after.
 *
 * <p>Tokens are not known before the answer, so a request reserves its estimated prompt plus
 * {@code max_tokens} and the difference to the real count is booked when the request ends, gathered with other
 * requests' differences by {@link TokenSettlements}. When Redis
 * cannot be reached the request is let through (counted in {@code signalbox.gateway.ratelimit.unavailable}),
 * because rate limiting must not turn a Redis outage into an outage of every AI call.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    static final long WINDOW_MILLIS = 60_000;

    /** What became of a store call's request: still waiting, answered, failed, let through, cancelled. */
    private static final int PENDING = 0;

    private static final int ANSWERED = 1;

    private static final int FAILED = 2;

    private static final int LET_THROUGH = 3;

    private static final int CANCELLED = 4;

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT = LuaScripts.load("scripts/rate-limit.lua", List.class);

    private final ReactiveStringRedisTemplate redis;

    private final Clock clock;

    private final Duration timeout;

    private final Counter unavailable;

    private final Counter fromLease;

    private final Counter fromStore;

    private final TokenSettlements settlements;

    private final LimitLeases leases;

    private final LimitLeases.Returns returns;

    RateLimiter(ReactiveStringRedisTemplate redis, Clock clock, GatewayProperties properties, MeterRegistry meters,
            TokenSettlements settlements, LimitLeases leases) {
        this.redis = redis;
        this.clock = clock;
        this.timeout = properties.limitsTimeout();
        this.unavailable = unavailableCounter(meters);
        this.fromLease = checks(meters, "lease");
        this.fromStore = checks(meters, "store");
        this.settlements = settlements;
        this.leases = leases;
        this.returns = settlements::giveBack;
    }

    private static Counter checks(MeterRegistry meters, String answeredBy) {
        return Counter.builder("signalbox.gateway.ratelimit.checks").tag("answered_by", answeredBy)
                .description("Rate-limit checks of limited keys, by what answered them: this replica's lease of "
                        + "already counted units, or a call to the rate-limit store")
                .register(meters);
    }

    static Counter unavailableCounter(MeterRegistry meters) {
        return Counter.builder("signalbox.gateway.ratelimit.unavailable")
                .description("Calls to the rate-limit store that failed: requests let through unchecked, or token "
                        + "corrections kept for the next settlement")
                .register(meters);
    }

    /**
     * Checks and, when allowed, counts the request against every limit of its key and team: from this replica's
     * leases where they cover it, otherwise in one store call for the windows they do not cover.
     */
    public Mono<LimitCheck> acquire(KeyIdentity key, long reservedTokens) {
        return Mono.defer(() -> acquireNow(key, reservedTokens));
    }

    private Mono<LimitCheck> acquireNow(KeyIdentity key, long reservedTokens) {
        List<LimitWindow> windows = windows(key, reservedTokens);
        if (windows.isEmpty()) {
            return Mono.just(LimitCheck.UNLIMITED);
        }
        long now = clock.millis();
        long minute = now / WINDOW_MILLIS;
        long elapsed = now % WINDOW_MILLIS;
        Duration untilNextMinute = Duration.ofMillis(WINDOW_MILLIS - elapsed);
        LimitLeases.Claim[] claims = new LimitLeases.Claim[windows.size()];
        List<String> keys = null;
        List<String> args = null;
        for (int i = 0; i < claims.length; i++) {
            LimitWindow window = windows.get(i);
            claims[i] = leases.claim(key.tenantId(), window, minute, returns);
            if (!claims[i].covered()) {
                if (keys == null) {
                    keys = new ArrayList<>();
                    args = new ArrayList<>();
                    args.add(Long.toString(elapsed));
                }
                keys.add(bucket(key.tenantId(), window, minute));
                keys.add(bucket(key.tenantId(), window, minute - 1));
                args.add(Long.toString(window.limit()));
                args.add(Long.toString(claims[i].need()));
                args.add(Long.toString(claims[i].want()));
            }
        }
        if (keys == null) {
            fromLease.increment();
            long[] used = new long[claims.length];
            for (int i = 0; i < claims.length; i++) {
                used[i] = claims[i].usedBefore();
            }
            return Mono.just(toCheck(windows, 0, used, untilNextMinute));
        }
        fromStore.increment();
        return storeCall(windows, claims, keys, args, untilNextMinute);
    }

    /**
     * The store call runs to its end whatever the request does meanwhile: what it counted is booked once, by the
     * request when the answer comes in time, otherwise given back when it comes (the request was cancelled, or
     * was let through unchecked after {@code limits-timeout}).
     */
    private Mono<LimitCheck> storeCall(List<LimitWindow> windows, LimitLeases.Claim[] claims, List<String> keys,
            List<String> args, Duration untilNextMinute) {
        AtomicInteger outcome = new AtomicInteger(PENDING);
        CompletableFuture<LimitCheck> checked = new CompletableFuture<>();
        redis.execute(SCRIPT, keys, args).next().subscribe(reply -> {
            if (outcome.compareAndSet(PENDING, ANSWERED)) {
                try {
                    checked.complete(booked(windows, claims, reply, untilNextMinute));
                }
                catch (RuntimeException ex) {
                    checked.completeExceptionally(ex);
                }
            }
            else {
                late(claims, reply, outcome.get() == CANCELLED);
            }
        }, failure -> {
            if (outcome.compareAndSet(PENDING, FAILED)) {
                checked.completeExceptionally(failure);
            }
        }, () -> {
            if (outcome.compareAndSet(PENDING, FAILED)) {
                checked.completeExceptionally(new IllegalStateException("the rate-limit script returned nothing"));
            }
        });
        return Mono.fromFuture(checked, true)
                .timeout(timeout)
                .onErrorResume(failure -> {
                    if (outcome.get() != ANSWERED && (outcome.get() == FAILED
                            || outcome.compareAndSet(PENDING, LET_THROUGH))) {
                        releaseAll(claims);
                    }
                    unavailable.increment();
                    log.warn("Rate-limit store unreachable, request let through: {}", failure.toString());
                    return Mono.just(LimitCheck.UNLIMITED);
                })
                .doOnCancel(() -> {
                    if (outcome.compareAndSet(PENDING, CANCELLED)) {
                        releaseAll(claims);
                    }
                });
    }

    /**
     * A store answer that came after the request stopped waiting. A cancelled request takes nothing: all that
     * was counted goes back. One let through unchecked keeps what it needed counted; the extra goes back.
     */
    private void late(LimitLeases.Claim[] claims, List<?> reply, boolean cancelled) {
        if (((Number) reply.getFirst()).intValue() != 0) {
            return; // refused: nothing was counted
        }
        int asked = 0;
        for (LimitLeases.Claim claim : claims) {
            if (!claim.covered()) {
                asked++;
                long granted = ((Number) reply.get(2 * asked)).longValue();
                leases.abandoned(claim, cancelled ? granted : granted - claim.need(), returns);
            }
        }
    }

    /** Takes the store's answer: on refusal every claim goes back, otherwise the grants join the leases. */
    private LimitCheck booked(List<LimitWindow> windows, LimitLeases.Claim[] claims, List<?> reply,
            Duration untilNextMinute) {
        int blockedInReply = ((Number) reply.getFirst()).intValue();
        long[] used = new long[claims.length];
        int blocked = 0;
        int asked = 0;
        for (int i = 0; i < claims.length; i++) {
            if (claims[i].covered()) {
                used[i] = claims[i].usedBefore();
                continue;
            }
            asked++;
            long usedInStore = ((Number) reply.get(2 * asked - 1)).longValue();
            if (blockedInReply != 0) {
                used[i] = usedInStore;
                if (asked == blockedInReply) {
                    blocked = i + 1;
                }
            }
            else {
                long granted = ((Number) reply.get(2 * asked)).longValue();
                used[i] = leases.granted(claims[i], usedInStore, granted, returns);
            }
        }
        if (blocked != 0) {
            releaseAll(claims);
        }
        return toCheck(windows, blocked, used, untilNextMinute);
    }

    private void releaseAll(LimitLeases.Claim[] claims) {
        for (LimitLeases.Claim claim : claims) {
            leases.release(claim, returns);
        }
    }

    /**
     * Books the difference between reserved and real tokens once a request has ended, in the current minute's
     * token counters; never fails the caller, never waits for Redis (see {@link TokenSettlements}).
     */
    public void settleTokens(KeyIdentity key, long reservedTokens, long actualTokens) {
        long delta = actualTokens - reservedTokens;
        if (delta == 0) {
            return;
        }
        long minute = clock.millis() / WINDOW_MILLIS;
        for (LimitWindow window : windows(key, 0)) {
            if (window.kind().equals("tokens")) {
                settlements.add(key.tenantId(), bucket(key.tenantId(), window, minute), minute, delta);
            }
        }
    }

    private static List<LimitWindow> windows(KeyIdentity key, long reservedTokens) {
        List<LimitWindow> windows = new ArrayList<>();
        add(windows, "key:" + key.keyId(), key.keyLimits(), reservedTokens);
        if (key.teamId() != null) {
            add(windows, "team:" + key.teamId(), key.teamLimits(), reservedTokens);
        }
        return windows;
    }

    private static void add(List<LimitWindow> windows, String owner, @Nullable RateLimits limits, long tokens) {
        if (limits == null) {
            return;
        }
        if (limits.requestsPerMinute() != null) {
            windows.add(new LimitWindow(owner, "requests", limits.requestsPerMinute(), 1));
        }
        if (limits.tokensPerMinute() != null) {
            windows.add(new LimitWindow(owner, "tokens", limits.tokensPerMinute(), tokens));
        }
    }

    private static String bucket(String tenantId, LimitWindow window, long minute) {
        return LimitLeases.bucket(tenantId, window.owner(), window.kind(), minute);
    }

    private static LimitCheck toCheck(List<LimitWindow> windows, int blocked, long[] used,
            Duration untilNextMinute) {
        List<LimitCheck.Checked> checked = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            checked.add(new LimitCheck.Checked(windows.get(i), used[i]));
        }
        LimitWindow refusing = blocked == 0 ? null : windows.get(blocked - 1);
        Duration retryAfter = Duration.ofSeconds(Math.max(1, (untilNextMinute.toMillis() + 999) / 1000));
        return new LimitCheck(refusing == null ? null : refusing.kind(),
                refusing == null ? null : refusing.owner().substring(0, refusing.owner().indexOf(':')), retryAfter,
                checked);
    }
}
