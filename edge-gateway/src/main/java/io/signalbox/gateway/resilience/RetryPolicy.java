package io.signalbox.gateway.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;

/**
 * When to try the same target again. Exponential backoff with full jitter spreads retries of many clients
 * over time instead of synchronising them into waves; an upstream's {@code Retry-After} is honoured, since
 * it knows best, up to a cap: asking to wait longer than the cap means "try another target now".
 *
 * @param attemptsPerTarget how many calls one target gets before the next target is tried (1 = no retry)
 * @param initialBackoff the backoff ceiling before the first retry
 * @param maxBackoff the backoff ceiling never exceeded
 * @param retryAfterCap the longest {@code Retry-After} the gateway waits for
 */
public record RetryPolicy(int attemptsPerTarget, Duration initialBackoff, Duration maxBackoff, Duration retryAfterCap) {

    public RetryPolicy {
        if (attemptsPerTarget < 1) {
            throw new IllegalArgumentException("attemptsPerTarget must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || retryAfterCap.isNegative()) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max, and the cap >= 0");
        }
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry) on the same target, or empty when
     * the target should not be tried again.
     *
     * @param retryAfter the upstream's {@code Retry-After} header, if any
     * @param random a source of uniform numbers in [0, 1)
     */
    public Optional<Duration> delayBeforeRetry(int retry, @Nullable String retryAfter, Clock clock, DoubleSupplier random) {
        if (retry >= attemptsPerTarget) {
            return Optional.empty();
        }
        Optional<Duration> asked = parseRetryAfter(retryAfter, clock);
        if (asked.isPresent()) {
            return asked.get().compareTo(retryAfterCap) <= 0 ? asked : Optional.empty();
        }
        long ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(retry - 1, 20));
        return Optional.of(Duration.ofMillis((long) (random.getAsDouble() * (ceiling + 1))));
    }

    /** {@code Retry-After} as delay-seconds or an HTTP-date; empty when absent or unreadable. */
    static Optional<Duration> parseRetryAfter(@Nullable String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        }
        catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(clock.instant(), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            }
            catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
