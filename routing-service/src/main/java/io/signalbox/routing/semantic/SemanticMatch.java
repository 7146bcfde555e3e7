package io.signalbox.routing.semantic;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of classifying one prompt, with what an explanation needs.
 *
 * @param category the chosen category: the nearest exemplar's, or the default when below the threshold
 * @param matched whether an exemplar reached the threshold (false = the default was used)
 * @param similarity the cosine similarity of the nearest exemplar, in [-1, 1]
 * @param nearestCategory the nearest exemplar's category, even when it was below the threshold
 * @param nearestExemplar the nearest exemplar's text, or null when the prompt was empty
 */
public record SemanticMatch(String category, boolean matched, double similarity, @Nullable String nearestCategory,
        @Nullable String nearestExemplar) {
}
