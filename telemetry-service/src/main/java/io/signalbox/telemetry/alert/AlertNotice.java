package io.signalbox.telemetry.alert;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One message about one alert episode: {@code firing} when it starts, {@code resolved} when it ends. Exactly one of
 * each per episode; receivers de-duplicate redeliveries on {@code noticeId}.
 *
 * @param type {@code signalbox.alert.firing} or {@code signalbox.alert.resolved}
 * @param alertId the episode, the same in its firing and its resolved notice
 * @param kind {@code error-rate}, {@code latency} or {@code quality}
 * @param window the window judged ({@code 5m}, or {@code 24h} for quality)
 * @param value the measured value when the notice was raised (an error rate, a p95 in ms, a quality ratio)
 * @param threshold the value it was judged against (the rate, the baseline times the factor, the ratio)
 */
public record AlertNotice(String type, String noticeId, String alertId, String kind, String status,
        AlertSubject subject, String window, String summary, @Nullable Double value, @Nullable Double threshold,
        Instant startedAt, @Nullable Instant resolvedAt, Instant at) {

    public static final String FIRING = "firing";

    public static final String RESOLVED = "resolved";
}
