package io.signalbox.routing.semantic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.signalbox.routing.embedding.SentenceEmbedder;
import io.signalbox.routing.embedding.Vectors;
import org.jspecify.annotations.Nullable;

/**
 * Nearest-exemplar classification. Exemplars are embedded once, when the router is built (i.e. when
 * a route's configuration changes), so a request costs one embedding and one dot product per
 * exemplar. Immutable and thread-safe.
 */
public final class SemanticRouter {

    private final List<String> exemplarCategories;

    private final List<String> exemplarTexts;

    private final List<float[]> exemplarVectors;

    private final double threshold;

    private final String defaultCategory;

    private final SentenceEmbedder embedder;

    /**
     * @param categories at least one, with distinct names
     * @param threshold the cosine similarity an exemplar must reach, in [-1, 1]; for MiniLM, 0.5 is a
     *     reasonable start (paraphrases score about 0.6-0.9, unrelated text below 0.3)
     * @param defaultCategory the answer when no exemplar reaches the threshold; need not be a listed category
     */
    public SemanticRouter(List<SemanticCategory> categories, double threshold, String defaultCategory,
            SentenceEmbedder embedder) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("Semantic routing needs at least one category");
        }
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new IllegalArgumentException("The similarity threshold must be in [-1, 1], was " + threshold);
        }
        if (defaultCategory.isBlank()) {
            throw new IllegalArgumentException("Semantic routing needs a default category");
        }
        Set<String> names = new HashSet<>();
        List<String> owners = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (SemanticCategory category : categories) {
            if (!names.add(category.name())) {
                throw new IllegalArgumentException("Category '" + category.name() + "' is listed twice");
            }
            for (String exemplar : category.exemplars()) {
                owners.add(category.name());
                texts.add(exemplar);
            }
        }
        this.exemplarCategories = List.copyOf(owners);
        this.exemplarTexts = List.copyOf(texts);
        this.exemplarVectors = List.copyOf(embedder.embedAll(texts));
        this.threshold = threshold;
        this.defaultCategory = defaultCategory;
        this.embedder = embedder;
    }

    /** Classifies one prompt (typically the last user message). */
    public SemanticMatch classify(String prompt) {
        if (prompt.isBlank()) {
            return new SemanticMatch(defaultCategory, false, 0, null, null);
        }
        float[] vector = embedder.embed(prompt);
        int best = -1;
        double bestSimilarity = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < exemplarVectors.size(); i++) {
            double similarity = Vectors.dot(exemplarVectors.get(i), vector);
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = i;
            }
        }
        @Nullable String nearestCategory = exemplarCategories.get(best);
        boolean matched = bestSimilarity >= threshold;
        return new SemanticMatch(matched ? nearestCategory : defaultCategory, matched, bestSimilarity,
                nearestCategory, exemplarTexts.get(best));
    }
}
