/**
 * Complexity scoring: how much a prompt needs a strong model, as a number in [0, 1]. A
 * {@link io.signalbox.routing.complexity.ComplexityScorer} is a plugin; a threshold (optionally
 * calibrated to a target share of strong-model calls, see
 * {@link io.signalbox.routing.complexity.ThresholdCalibration}) turns the score into a choice.
 * Two scorers exist: {@link io.signalbox.routing.complexity.FeatureComplexityScorer} (hand-weighted
 * text features, microseconds, no model) and
 * {@link io.signalbox.routing.complexity.EmbeddingComplexityScorer} (a small trained head on sentence
 * embeddings, see {@link io.signalbox.routing.complexity.ComplexityHead}).
 */
@NullMarked
package io.signalbox.routing.complexity;

import org.jspecify.annotations.NullMarked;
