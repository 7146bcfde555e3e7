package io.signalbox.telemetry.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.contracts.json.ContractJson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notices to the webhook: {@code POST} of the notice as JSON with {@code X-Signalbox-Alert-Id} and
 * {@code X-Signalbox-Notice-Id}. Any 2xx is delivered; no answer, 408, 429 and 5xx are retried with exponential
 * back-off (honouring a {@code Retry-After} in seconds up to the maximum back-off) until {@code max-attempts};
 * any other answer fails the notice at once. Delivery is at least once: receivers de-duplicate on the notice id.
 * Notices of one alert are delivered in order (a resolved notice waits for its firing notice), notices of different
 * alerts independently. Nothing blocks: waits are scheduled, requests are asynchronous.
 */
public class WebhookNotifier {

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    private final @Nullable URI webhook;

    private final AlertProperties.Delivery settings;

    private final HttpClient http;

    private final ScheduledExecutorService scheduler;

    private final Clock clock;

    private final int keep;

    private final Deque<Delivery> recent = new ArrayDeque<>();

    /** The last delivery of each alert still under way, which the alert's next notice waits for. */
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    private final Counter delivered;

    private final Counter failed;

    private final Counter retried;

    public WebhookNotifier(@Nullable URI webhook, AlertProperties.Delivery settings, int keep,
            ScheduledExecutorService scheduler, Clock clock, MeterRegistry registry) {
        this.webhook = webhook;
        this.settings = settings;
        this.keep = keep;
        this.scheduler = scheduler;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).executor(scheduler).build();
        this.delivered = deliveries(registry, "delivered");
        this.failed = deliveries(registry, "failed");
        this.retried = deliveries(registry, "retry");
    }

    private static Counter deliveries(MeterRegistry registry, String outcome) {
        return Counter.builder("signalbox.alert.deliveries").description("Webhook delivery attempts of alert notices")
                .tag("outcome", outcome).register(registry);
    }

    /** Queues the notice for delivery and returns its delivery record at once. */
    public Delivery send(AlertNotice notice) {
        Delivery delivery = new Delivery(notice, webhook == null ? "not-configured" : "pending");
        synchronized (recent) {
            recent.addFirst(delivery);
            while (recent.size() > keep) {
                recent.removeLast();
            }
        }
        if (webhook == null) {
            return delivery;
        }
        URI target = webhook;
        tails.compute(notice.alertId(), (alertId, previous) -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            CompletableFuture<Void> start = previous == null ? CompletableFuture.completedFuture(null) : previous;
            start.whenComplete((ignored, failure) -> attempt(target, delivery, done));
            done.whenComplete((ignored, failure) -> tails.remove(alertId, done));
            return done;
        });
        return delivery;
    }

    /** The most recent notices with their deliveries, newest first. */
    public List<Delivery.View> recent() {
        synchronized (recent) {
            return recent.stream().map(Delivery::view).toList();
        }
    }

    private void attempt(URI target, Delivery delivery, CompletableFuture<Void> done) {
        AlertNotice notice = delivery.notice();
        int number = delivery.attemptCount() + 1;
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("X-Signalbox-Alert-Id", notice.alertId())
                .header("X-Signalbox-Notice-Id", notice.noticeId())
                .POST(HttpRequest.BodyPublishers.ofString(ContractJson.toJson(notice)))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() / 100 == 2) {
                delivery.attempted(new Delivery.Attempt(number, clock.instant(), response.statusCode(), null,
                        "delivered"), "delivered");
                delivered.increment();
                done.complete(null);
                return;
            }
            Integer status = null;
            String error;
            boolean retryable;
            Duration wait = backoff(number);
            if (failure != null) {
                error = describe(failure);
                retryable = true;
            }
            else {
                int code = response.statusCode();
                status = code;
                error = "HTTP " + code;
                retryable = code == 408 || code == 429 || code >= 500;
                Duration asked = retryAfter(response);
                if (asked != null && asked.compareTo(settings.maxBackoff()) <= 0) {
                    wait = asked;
                }
            }
            if (retryable && number < settings.maxAttempts()) {
                delivery.attempted(new Delivery.Attempt(number, clock.instant(), status, error, "retry"), "pending");
                retried.increment();
                scheduler.schedule(() -> attempt(target, delivery, done), wait.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            delivery.attempted(new Delivery.Attempt(number, clock.instant(), status, error, "failed"), "failed");
            failed.increment();
            log.warn("Alert notice {} ({} {} on {} {}) could not be delivered after {} attempt(s): {}",
                    notice.noticeId(), notice.kind(), notice.status(), notice.subject().kind(), notice.subject().id(),
                    number, error);
            done.complete(null);
        });
    }

    /** The wait before attempt {@code number + 1}: the initial back-off doubled per attempt, capped. */
    Duration backoff(int number) {
        long millis = settings.initialBackoff().toMillis() << Math.min(20, number - 1);
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
    }

    private static @Nullable Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
            }
            catch (NumberFormatException ex) {
                return null;
            }
        }).orElse(null);
    }

    /** The failure as the webhook call saw it, unwrapped from the async wrappers. */
    private static String describe(Throwable failure) {
        Throwable shown = failure;
        while (shown instanceof java.util.concurrent.CompletionException && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage();
        return shown.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
