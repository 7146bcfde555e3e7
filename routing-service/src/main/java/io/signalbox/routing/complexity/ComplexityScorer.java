package io.signalbox.routing.complexity;

/**
 * Rates how much a prompt needs a strong model: 0 = any model will do, 1 = only the strongest.
 * Scores are comparable within one scorer (a higher score means more need), not across scorers, which
 * is why thresholds are set per scorer. Implementations are thread-safe and hold no per-request state.
 */
public interface ComplexityScorer {

    /** The name a route's configuration uses, e.g. {@code features} or {@code embedding}. */
    String type();

    /** The score in [0, 1]. */
    double score(Prompt prompt);
}
