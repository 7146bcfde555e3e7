package io.signalbox.gateway.limits;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.gateway.GatewayProperties;
import io.signalbox.infra.MutableClock;
import io.signalbox.infra.Ports;
import io.signalbox.infra.SharedInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:30Z"));

    static final Duration SETTLE_INTERVAL = Duration.ofMillis(100);

    static final Duration HORIZON = Duration.ofMillis(100);

    LettuceConnectionFactory connections;

    TokenSettlements settlements;

    @AfterEach
    void close() {
        if (settlements != null) {
            settlements.stop();
        }
        if (connections != null) {
            connections.destroy();
        }
    }

    @Test
    void theWindowSlidesTheLastMinutesUseWeighsInProportionToItsOverlap() {
        RateLimiter limiter = limiter(SharedInfra.redis().port(), new SimpleMeterRegistry());
        KeyIdentity key = key(new RateLimits(10, null), null);

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquire(key, 0).block().allowed()).isTrue();
        }
        LimitCheck refused = limiter.acquire(key, 0).block();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.exceeded()).isEqualTo("requests");
        assertThat(refused.exceededScope()).isEqualTo("key");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(30));

        clock.set(Instant.parse("2026-11-21T10:01:30Z")); // half of the previous minute still overlaps: 5 used
        int allowed = 0;
        while (limiter.acquire(key, 0).block().allowed()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(5);
    }

    @Test
    void aKeyThatUsedItsLimitGetsNothingMoreJustAfterTheMinuteTurns() {
        RateLimiter limiter = limiter(SharedInfra.redis().port(), new SimpleMeterRegistry());
        KeyIdentity key = key(new RateLimits(10, null), null);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquire(key, 0).block().allowed()).isTrue();
        }

        clock.set(Instant.parse("2026-11-21T10:01:00.100Z")); // 9.98 of the ten still fall in the last minute
        assertThat(limiter.acquire(key, 0).block().allowed()).isFalse();

        clock.set(Instant.parse("2026-11-21T10:01:06Z")); // 9 of them do
        assertThat(limiter.acquire(key, 0).block().allowed()).isTrue();
        assertThat(limiter.acquire(key, 0).block().allowed()).isFalse();
    }

    @Test
    void aTeamLimitIsSharedByItsKeys() {
        RateLimiter limiter = limiter(SharedInfra.redis().port(), new SimpleMeterRegistry());
        String team = "team-" + UUID.randomUUID();
        KeyIdentity first = key(null, new RateLimits(3, null), team);
        KeyIdentity second = key(null, new RateLimits(3, null), team);

        assertThat(limiter.acquire(first, 0).block().allowed()).isTrue();
        assertThat(limiter.acquire(first, 0).block().allowed()).isTrue();
        assertThat(limiter.acquire(second, 0).block().allowed()).isTrue();
        LimitCheck refused = limiter.acquire(second, 0).block();

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.exceededScope()).isEqualTo("team");
    }

    @Test
    void tokensAreReservedUpFrontAndSettledWithTheRealCount() {
        RateLimiter limiter = limiter(SharedInfra.redis().port(), new SimpleMeterRegistry());
        KeyIdentity key = key(new RateLimits(null, 100), null);

        assertThat(limiter.acquire(key, 80).block().allowed()).isTrue();
        assertThat(limiter.acquire(key, 30).block().allowed()).as("80 reserved + 30 > 100").isFalse();
        limiter.settleTokens(key, 80, 20); // the request really used 20
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> limiter.acquire(key, 30).block().allowed());
    }

    @Test
    void theCorrectionsOfManyRequestsAreBookedTogetherOnlyWhenTheSettlementRuns() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RateLimiter limiter = limiter(SharedInfra.redis().port(), meters, false);
        KeyIdentity key = key(new RateLimits(null, 1000), null);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(key, 300).block().allowed()).isTrue();
        }
        assertThat(limiter.acquire(key, 300).block().allowed()).as("900 reserved + 300 > 1000").isFalse();

        limiter.settleTokens(key, 300, 100);
        limiter.settleTokens(key, 300, 50);
        limiter.settleTokens(key, 300, 300); // exact reservations need no correction
        assertThat(settlements.pendingCounters()).as("summed into the one token counter").isEqualTo(1);
        assertThat(limiter.acquire(key, 300).block().allowed()).as("not booked before the run").isFalse();

        settlements.flush();

        assertThat(settlements.pendingCounters()).isZero();
        LimitCheck check = limiter.acquire(key, 300).block();
        assertThat(check.allowed()).isTrue();
        assertThat(check.windows()).singleElement().satisfies(window -> assertThat(window.usedBefore())
                .as("900 reserved, 200 + 250 given back").isEqualTo(450));
        assertThat(meters.counter("signalbox.gateway.ratelimit.unavailable").count()).isZero();
    }

    @Test
    void aCorrectionInAMinuteWithoutChecksStillExpiresWithItsWindow() {
        RateLimiter limiter = limiter(SharedInfra.redis().port(), new SimpleMeterRegistry(), false);
        KeyIdentity key = key(new RateLimits(null, 1000), null);
        long minute = clock.millis() / 60_000;

        limiter.settleTokens(key, 0, 40); // a request admitted the minute before used more than it reserved
        settlements.flush();

        ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(connections);
        String counter = "sb:rl:{tenant-rl}:key:" + key.keyId() + ":tokens:" + minute;
        assertThat(redis.opsForValue().get(counter).block()).isEqualTo("40");
        assertThat(redis.getExpire(counter).block()).as("no counter is left behind for ever")
                .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void correctionsWaitOutARedisOutageWhileTheirMinuteStillCountsAndAreDroppedAfter() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RateLimiter limiter = limiter(Ports.free(), meters, false);
        KeyIdentity key = key(new RateLimits(null, 1000), new RateLimits(null, 5000));

        limiter.settleTokens(key, 500, 20);
        settlements.flush();

        assertThat(settlements.pendingCounters()).as("key and team counters kept for the next run").isEqualTo(2);
        assertThat(meters.counter("signalbox.gateway.ratelimit.unavailable").count()).isEqualTo(1);

        clock.set(clock.instant().plus(Duration.ofMinutes(2))); // their minute no longer weighs in the window
        settlements.flush();

        assertThat(settlements.pendingCounters()).isZero();
        assertThat(meters.counter("signalbox.gateway.ratelimit.unavailable").count()).isEqualTo(2);
    }

    @Test
    void aRefusalLeavesNothingCountedAnywhere() {
        RateLimiter limiter = limiter(SharedInfra.redis().port(), new SimpleMeterRegistry());
        String team = "team-" + UUID.randomUUID();
        KeyIdentity key = key(new RateLimits(1, null), new RateLimits(5, null), team);

        assertThat(limiter.acquire(key, 0).block().allowed()).isTrue();
        assertThat(limiter.acquire(key, 0).block().allowed()).isFalse();
        KeyIdentity teammate = key(null, new RateLimits(5, null), team);

        LimitCheck check = limiter.acquire(teammate, 0).block();
        assertThat(check.windows()).singleElement().satisfies(window -> assertThat(window.usedBefore())
                .as("the refused request did not use the team's budget").isEqualTo(1));
    }

    @Test
    void letsRequestsThroughWhenTheStoreIsUnreachableAndCountsIt() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RateLimiter limiter = limiter(Ports.free(), meters);

        assertThat(limiter.acquire(key(new RateLimits(1, null), null), 0).block().allowed()).isTrue();
        assertThat(meters.counter("signalbox.gateway.ratelimit.unavailable").count()).isEqualTo(1);
    }

    @Test
    void aBusyKeyIsAdmittedFromItsLeaseAndTheStoreCountsOnlyWhatWasAdmittedOrIsHeld() {
        Replica replica = replica(SharedInfra.redis().port(), new SimpleMeterRegistry(), false, HORIZON);
        KeyIdentity key = key(new RateLimits(100_000, null), null);
        LimitWindow requests = new LimitWindow("key:" + key.keyId(), "requests", 100_000, 1);
        long minute = clock.millis() / 60_000;

        LimitCheck last = null;
        for (int i = 0; i < 1_000; i++) { // 1,000 requests a second for one second
            last = replica.limiter().acquire(key, 0).block();
            assertThat(last.allowed()).isTrue();
            clock.set(clock.instant().plusMillis(1));
        }

        assertThat(replica.checks("store")).as("store calls for 1,000 requests").isLessThan(30);
        assertThat(replica.checks("lease")).isGreaterThan(970);
        assertThat(last.windows()).singleElement().satisfies(window -> assertThat(window.usedBefore())
                .as("one replica knows its own use exactly").isEqualTo(999));
        long held = replica.leases().held("tenant-rl", requests);
        assertThat(held).as("about 100 ms of this replica's traffic counted ahead").isBetween(1L, 250L);
        assertThat(counter(key, "requests", minute)).isEqualTo(1_000 + held);

        clock.set(Instant.parse("2026-11-21T10:01:05Z")); // the minute has ended
        replica.settlements().flush();

        assertThat(replica.leases().held("tenant-rl", requests)).isZero();
        assertThat(counter(key, "requests", minute)).as("the unused units went back").isEqualTo(1_000);
    }

    @Test
    void replicasLeasingTheSameLimitUseItInFullAndNeverBeyond() {
        Replica first = replica(SharedInfra.redis().port(), new SimpleMeterRegistry(), false, HORIZON);
        Replica second = replica(SharedInfra.redis().port(), new SimpleMeterRegistry(), false, HORIZON);
        String team = "team-" + UUID.randomUUID();
        KeyIdentity key = key(null, new RateLimits(100, null), team);

        int admitted = 0;
        for (int i = 0; i < 300; i++) {
            Replica replica = i % 2 == 0 ? first : second;
            if (replica.limiter().acquire(key, 0).block().allowed()) {
                admitted++;
            }
            clock.set(clock.instant().plusMillis(1));
        }

        assertThat(admitted).isEqualTo(100);
        assertThat(first.checks("lease") + second.checks("lease")).as("most of the 100 came from leases")
                .isGreaterThan(50);
    }

    @Test
    void aRefusalByOneLimitPutsBackWhatTheOtherLimitsLeaseGave() {
        Replica replica = replica(SharedInfra.redis().port(), new SimpleMeterRegistry(), false, HORIZON);
        String team = "team-" + UUID.randomUUID();
        KeyIdentity key = key(new RateLimits(100_000, null), new RateLimits(30, null), team);
        LimitWindow keyRequests = new LimitWindow("key:" + key.keyId(), "requests", 100_000, 1);
        long minute = clock.millis() / 60_000;

        int admitted = 0;
        LimitCheck refused = null;
        long heldBeforeRefusal = -1;
        for (int i = 0; i < 40 && refused == null; i++) {
            long held = replica.leases().held("tenant-rl", keyRequests);
            LimitCheck check = replica.limiter().acquire(key, 0).block();
            if (check.allowed()) {
                admitted++;
            }
            else {
                refused = check;
                heldBeforeRefusal = held;
            }
            clock.set(clock.instant().plusMillis(1));
        }

        assertThat(admitted).as("the team's limit, used in full").isEqualTo(30);
        assertThat(refused.exceededScope()).isEqualTo("team");
        assertThat(heldBeforeRefusal).as("the key's lease covered the refused request").isPositive();
        assertThat(replica.leases().held("tenant-rl", keyRequests)).as("and got its unit back")
                .isEqualTo(heldBeforeRefusal);
        assertThat(counter(key, "requests", minute)).isEqualTo(30 + heldBeforeRefusal);
    }

    @Test
    void theLeasesOfKeysNoLongerInUseAreForgotten() {
        Replica replica = replica(SharedInfra.redis().port(), new SimpleMeterRegistry(), false, HORIZON);
        KeyIdentity busy = key(new RateLimits(100_000, null), null);
        KeyIdentity gone = key(new RateLimits(100_000, null), null);
        replica.limiter().acquire(gone, 0).block();
        assertThat(replica.leases().size()).isEqualTo(1);

        clock.set(clock.instant().plusSeconds(121));
        replica.limiter().acquire(busy, 0).block();
        replica.settlements().flush();

        assertThat(replica.leases().size()).as("only the key still in use").isEqualTo(1);
        assertThat(replica.limiter().acquire(gone, 0).block().allowed()).as("a forgotten key starts afresh").isTrue();
        assertThat(replica.leases().size()).isEqualTo(2);
    }

    @Test
    void aRequestLetThroughWhileTheStoreIsSlowKeepsWhatItNeededCountedAndNoMore() {
        Replica replica = replica(SharedInfra.redis().port(), new SimpleMeterRegistry(), false, HORIZON);
        KeyIdentity key = key(new RateLimits(100_000, null), null);
        LimitWindow requests = new LimitWindow("key:" + key.keyId(), "requests", 100_000, 1);
        long minute = clock.millis() / 60_000;
        int admitted = 0;
        do { // a busy key, until its lease is used up: the next request asks for a refill
            assertThat(replica.limiter().acquire(key, 0).block().allowed()).isTrue();
            admitted++;
            clock.set(clock.instant().plusMillis(1));
        } while (replica.leases().held("tenant-rl", requests) > 0 || admitted < 20);

        stallRedis(Duration.ofMillis(1_500)); // longer than limits-timeout (500 ms)
        LimitCheck check = replica.limiter().acquire(key, 0).block();

        assertThat(check).as("let through unchecked").isSameAs(LimitCheck.UNLIMITED);
        int expected = admitted + 1;
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            replica.settlements().flush();
            assertThat(counter(key, "requests", minute)).as("the refill's extra units went back")
                    .isEqualTo(expected);
        });
        assertThat(replica.leases().held("tenant-rl", requests)).isZero();
    }

    @Test
    void aRequestCancelledWhileItsStoreCallIsInFlightLeavesNothingCounted() {
        Replica replica = replica(SharedInfra.redis().port(), new SimpleMeterRegistry(), false, HORIZON);
        KeyIdentity key = key(new RateLimits(100_000, null), null);
        long minute = clock.millis() / 60_000;
        assertThat(counter(key, "requests", minute)).as("connected to Redis before it stalls").isZero();

        stallRedis(Duration.ofMillis(500));
        reactor.core.Disposable request = replica.limiter().acquire(key, 0).subscribe();
        assertThat(replica.checks("store")).as("its script call is on its way").isEqualTo(1);
        request.dispose(); // the client went away while the check waited for Redis

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            replica.settlements().flush();
            assertThat(replica.settlements().pendingCounters()).isZero();
            assertThat(counter(key, "requests", minute)).as("what the late script counted went back").isZero();
        });
    }

    @Test
    void aQuietKeyIsCheckedInTheStoreEveryTime() {
        Replica replica = replica(SharedInfra.redis().port(), new SimpleMeterRegistry(), false, HORIZON);
        KeyIdentity key = key(new RateLimits(1_000, null), null);

        for (int i = 0; i < 10; i++) { // one request a second
            assertThat(replica.limiter().acquire(key, 0).block().allowed()).isTrue();
            clock.set(clock.instant().plusSeconds(1));
        }

        assertThat(replica.checks("store")).isEqualTo(10);
        assertThat(replica.leases().held("tenant-rl", new LimitWindow("key:" + key.keyId(), "requests", 1_000, 1)))
                .isZero();
    }

    @Test
    void withoutAHorizonEveryRequestIsCheckedInTheStore() {
        Replica replica = replica(SharedInfra.redis().port(), new SimpleMeterRegistry(), false, Duration.ZERO);
        KeyIdentity key = key(new RateLimits(1_000, null), null);

        for (int i = 0; i < 20; i++) {
            assertThat(replica.limiter().acquire(key, 0).block().allowed()).isTrue();
        }

        assertThat(replica.checks("store")).isEqualTo(20);
        assertThat(replica.checks("lease")).isZero();
    }

    @Test
    void aStoppingReplicaGivesBackWhatItHolds() {
        Replica replica = replica(SharedInfra.redis().port(), new SimpleMeterRegistry(), true, HORIZON);
        KeyIdentity key = key(new RateLimits(100_000, null), null);
        long minute = clock.millis() / 60_000;
        for (int i = 0; i < 200; i++) {
            replica.limiter().acquire(key, 0).block();
            clock.set(clock.instant().plusMillis(1));
        }
        assertThat(counter(key, "requests", minute)).isGreaterThan(200);

        replica.settlements().stop();

        assertThat(counter(key, "requests", minute)).isEqualTo(200);
    }

    /**
     * Stalls the Redis server for a while (DEBUG SLEEP on a connection of its own), as a slow or stalled store
     * would: every command sent meanwhile waits, then runs.
     */
    static void stallRedis(Duration duration) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient
                .create(io.lettuce.core.RedisURI.create("127.0.0.1", SharedInfra.redis().port()));
        var connection = client.connect();
        var probe = client.connect();
        connection.setTimeout(duration.plusSeconds(5));
        var sleep = connection.async().dispatch(io.lettuce.core.protocol.CommandType.DEBUG,
                new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8).add("SLEEP")
                        .add(Double.toString(duration.toMillis() / 1000.0)));
        sleep.whenComplete((ok, failure) -> {
            connection.closeAsync();
            probe.closeAsync();
            client.shutdownAsync();
        });
        // the server is asleep once a PING on another connection goes unanswered
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            try {
                probe.async().ping().get(20, java.util.concurrent.TimeUnit.MILLISECONDS);
                return false;
            }
            catch (java.util.concurrent.TimeoutException asleep) {
                return true;
            }
        });
    }

    long counter(KeyIdentity key, String kind, long minute) {
        String value = new ReactiveStringRedisTemplate(connections).opsForValue()
                .get("sb:rl:{tenant-rl}:key:" + key.keyId() + ":" + kind + ":" + minute).block();
        return value == null ? 0 : Long.parseLong(value);
    }

    RateLimiter limiter(int redisPort, SimpleMeterRegistry meters) {
        return limiter(redisPort, meters, true);
    }

    /** A limiter on a real Redis; {@code scheduled}: its settlements run every interval, as in the gateway. */
    RateLimiter limiter(int redisPort, SimpleMeterRegistry meters, boolean scheduled) {
        Replica replica = replica(redisPort, meters, scheduled, HORIZON);
        settlements = replica.settlements();
        return replica.limiter();
    }

    /** One gateway replica's limiter, with its own leases and settlements, on the test's Redis connection. */
    record Replica(RateLimiter limiter, TokenSettlements settlements, LimitLeases leases, SimpleMeterRegistry meters) {

        double checks(String answeredBy) {
            return meters.counter("signalbox.gateway.ratelimit.checks", "answered_by", answeredBy).count();
        }
    }

    Replica replica(int redisPort, SimpleMeterRegistry meters, boolean scheduled, Duration horizon) {
        if (connections == null) {
            connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redisPort));
            connections.afterPropertiesSet();
            connections.start();
        }
        GatewayProperties properties = new GatewayProperties(URI.create("http://127.0.0.1:1"),
                URI.create("http://127.0.0.1:1"), "internal-token-0123456789", DataSize.ofMegabytes(1),
                Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(500),
                SETTLE_INTERVAL, horizon,
                new GatewayProperties.Upstream(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5),
                        DataSize.ofMegabytes(1), null),
                new GatewayProperties.Usage(java.nio.file.Path.of("target", "spool-unused"), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                new GatewayProperties.Resilience(1, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                        new GatewayProperties.Breaker(50, 20, 10, Duration.ofSeconds(30), 3), null, Duration.ofHours(1), 5));
        ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(connections);
        LimitLeases leases = new LimitLeases(clock, properties);
        TokenSettlements replicaSettlements = new TokenSettlements(redis, clock, properties, meters, leases);
        if (scheduled) {
            replicaSettlements.start();
        }
        return new Replica(new RateLimiter(redis, clock, properties, meters, replicaSettlements, leases),
                replicaSettlements, leases, meters);
    }

    static KeyIdentity key(RateLimits keyLimits, RateLimits teamLimits) {
        return key(keyLimits, teamLimits, "team-" + UUID.randomUUID());
    }

    static KeyIdentity key(RateLimits keyLimits, RateLimits teamLimits, String team) {
        return new KeyIdentity("key-" + UUID.randomUUID(), "sk-sb-x", "tenant-rl", team, Map.of(), "active", null,
                null, keyLimits, teamLimits);
    }

}
