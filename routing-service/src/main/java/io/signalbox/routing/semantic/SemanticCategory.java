package io.signalbox.routing.semantic;

import java.util.List;

/**
 * A category and the utterances that exemplify it.
 *
 * @param name what a match returns, e.g. {@code billing}
 * @param exemplars example prompts; a handful of varied phrasings work better than many similar ones
 */
public record SemanticCategory(String name, List<String> exemplars) {

    public SemanticCategory {
        if (name.isBlank()) {
            throw new IllegalArgumentException("A semantic category needs a name");
        }
        exemplars = List.copyOf(exemplars);
        if (exemplars.isEmpty() || exemplars.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("Category '" + name + "' needs at least one non-blank exemplar");
        }
    }
}
