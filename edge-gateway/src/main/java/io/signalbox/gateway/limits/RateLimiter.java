package io.signalbox.gateway.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.gateway.GatewayProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Enforces a key's own limits and its team's shared limits on requests and tokens per minute. Counters
 * live in Redis so that every gateway replica sees the same use; a request is checked and counted in one
 * script call, atomically across all its limits. The window slides: the previous minute's count weighs
 * in proportion to how much of it still overlaps the last sixty seconds.
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

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT = RedisScript.of(new ClassPathResource("scripts/rate-limit.lua"),
            List.class);

    private final ReactiveStringRedisTemplate redis;

    private final Clock clock;

    private final Duration timeout;

    private final Counter unavailable;

    private final TokenSettlements settlements;

    RateLimiter(ReactiveStringRedisTemplate redis, Clock clock, GatewayProperties properties, MeterRegistry meters,
            TokenSettlements settlements) {
        this.redis = redis;
        this.clock = clock;
        this.timeout = properties.limitsTimeout();
        this.unavailable = unavailableCounter(meters);
        this.settlements = settlements;
    }

    static Counter unavailableCounter(MeterRegistry meters) {
        return Counter.builder("signalbox.gateway.ratelimit.unavailable")
                .description("Calls to the rate-limit store that failed: requests let through unchecked, or token "
                        + "corrections kept for the next settlement")
                .register(meters);
    }

    /** Checks and, when allowed, counts the request against every limit of its key and team. */
    public Mono<LimitCheck> acquire(KeyIdentity key, long reservedTokens) {
        List<LimitWindow> windows = windows(key, reservedTokens);
        if (windows.isEmpty()) {
            return Mono.just(LimitCheck.UNLIMITED);
        }
        long now = clock.millis();
        long minute = now / WINDOW_MILLIS;
        long elapsed = now % WINDOW_MILLIS;
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(elapsed));
        for (LimitWindow window : windows) {
            keys.add(bucket(key.tenantId(), window, minute));
            keys.add(bucket(key.tenantId(), window, minute - 1));
            args.add(Long.toString(window.limit()));
            args.add(Long.toString(window.cost()));
        }
        Duration untilNextMinute = Duration.ofMillis(WINDOW_MILLIS - elapsed);
        return redis.execute(SCRIPT, keys, args)
                .next()
                .timeout(timeout)
                .map(reply -> toCheck(windows, reply, untilNextMinute))
                .onErrorResume(failure -> {
                    unavailable.increment();
                    log.warn("Rate-limit store unreachable, request let through: {}", failure.toString());
                    return Mono.just(LimitCheck.UNLIMITED);
                });
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

    /** Keys of one tenant share a hash tag, so a check stays on one Redis Cluster shard. */
    private static String bucket(String tenantId, LimitWindow window, long minute) {
        return "sb:rl:{" + tenantId + "}:" + window.owner() + ":" + window.kind() + ":" + minute;
    }

    private static LimitCheck toCheck(List<LimitWindow> windows, List<?> reply, Duration untilNextMinute) {
        int blocked = ((Number) reply.getFirst()).intValue();
        List<LimitCheck.Checked> checked = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            checked.add(new LimitCheck.Checked(windows.get(i), ((Number) reply.get(i + 1)).longValue()));
        }
        LimitWindow refusing = blocked == 0 ? null : windows.get(blocked - 1);
        Duration retryAfter = Duration.ofSeconds(Math.max(1, (untilNextMinute.toMillis() + 999) / 1000));
        return new LimitCheck(refusing == null ? null : refusing.kind(),
                refusing == null ? null : refusing.owner().substring(0, refusing.owner().indexOf(':')), retryAfter,
                checked);
    }
}
