package io.signalbox.gateway.limits;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * The outcome of a rate-limit check: allowed or not, which limit was hit, and the state of the tightest
 * limit of each kind for the {@code x-ratelimit-*} headers (OpenAI's names).
 *
 * @param exceeded the kind of the limit that refused the request, null when allowed
 * @param exceededScope whose limit refused it: {@code key} or {@code team}; null when allowed
 * @param retryAfter how long until the window has room again (meaningful when refused)
 * @param windows every limit checked, with what had been used before this request
 */
public record LimitCheck(@Nullable String exceeded, @Nullable String exceededScope, Duration retryAfter,
        List<Checked> windows) {

    static final LimitCheck UNLIMITED = new LimitCheck(null, null, Duration.ZERO, List.of());

    public boolean allowed() {
        return exceeded == null;
    }

    /** Writes {@code x-ratelimit-limit-<kind>}, {@code -remaining-<kind>} and {@code -reset-<kind>}. */
    public void writeHeaders(HttpHeaders headers) {
        for (String kind : List.of("requests", "tokens")) {
            windows.stream()
                    .filter(window -> window.window().kind().equals(kind))
                    .min((a, b) -> Long.compare(a.remaining(allowed()), b.remaining(allowed())))
                    .ifPresent(tightest -> {
                        headers.set("x-ratelimit-limit-" + kind, Long.toString(tightest.window().limit()));
                        headers.set("x-ratelimit-remaining-" + kind, Long.toString(tightest.remaining(allowed())));
                        headers.set("x-ratelimit-reset-" + kind, retryAfter.toSeconds() + "s");
                    });
        }
    }

    /** One limit and its use before this request. */
    public record Checked(LimitWindow window, long usedBefore) {

        long remaining(boolean counted) {
            return Math.max(0, window.limit() - usedBefore - (counted ? window.cost() : 0));
        }
    }
}
