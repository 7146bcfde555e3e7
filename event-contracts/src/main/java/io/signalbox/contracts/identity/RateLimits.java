package io.signalbox.contracts.identity;

import org.jspecify.annotations.Nullable;

/**
 * Rate limits enforced by the gateway. A null limit is no limit.
 *
 * @param requestsPerMinute requests per rolling minute
 * @param tokensPerMinute prompt plus completion tokens per rolling minute
 */
public record RateLimits(@Nullable Integer requestsPerMinute, @Nullable Integer tokensPerMinute) {

    public RateLimits {
        if ((requestsPerMinute != null && requestsPerMinute < 1) || (tokensPerMinute != null && tokensPerMinute < 1)) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
    }

    /** Whether neither limit is set. */
    public boolean isUnlimited() {
        return requestsPerMinute == null && tokensPerMinute == null;
    }
}
