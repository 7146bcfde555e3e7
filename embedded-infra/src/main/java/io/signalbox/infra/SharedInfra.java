package io.signalbox.infra;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One PostgreSQL server, one Kafka broker and (for those who need it) one Redis server per test JVM, started on first use and stopped when the
 * JVM exits. Spring tests wire them in with {@link #registerDatabase} and {@link #registerKafka} from
 * a {@code @DynamicPropertySource} method; every test class gets its own database name so that
 * schemas do not collide.
 */
public final class SharedInfra {

    private static @Nullable EmbeddedPostgresServer postgres;

    private static @Nullable EmbeddedKafkaServer kafka;

    private static @Nullable EmbeddedRedisServer redis;

    private SharedInfra() {
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            EmbeddedPostgresServer started = EmbeddedPostgresServer.start(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-postgres-stop"));
            postgres = started;
        }
        return postgres;
    }

    public static synchronized EmbeddedKafkaServer kafka() {
        if (kafka == null) {
            EmbeddedKafkaServer started = EmbeddedKafkaServer.start(SignalboxTopics.all());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-kafka-stop"));
            kafka = started;
        }
        return kafka;
    }

    public static synchronized EmbeddedRedisServer redis() {
        if (redis == null) {
            EmbeddedRedisServer started = EmbeddedRedisServer.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-redis-stop"));
            redis = started;
        }
        return redis;
    }

    public static void registerRedis(DynamicPropertyRegistry registry) {
        int port = redis().port();
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> port);
    }

    /** Creates {@code database} on the shared server and points Spring's data source at it. */
    public static void registerDatabase(DynamicPropertyRegistry registry, String database) {
        String url = postgres().createDatabase(database);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> EmbeddedPostgresServer.USER);
        registry.add("spring.datasource.password", () -> "");
    }

    public static void registerKafka(DynamicPropertyRegistry registry) {
        String servers = kafka().bootstrapServers();
        registry.add("spring.kafka.bootstrap-servers", () -> servers);
    }
}
