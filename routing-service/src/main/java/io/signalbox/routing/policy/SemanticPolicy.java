package io.signalbox.routing.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.routing.embedding.SentenceEmbedder;
import io.signalbox.routing.semantic.SemanticCategory;
import io.signalbox.routing.semantic.SemanticMatch;
import io.signalbox.routing.semantic.SemanticRouter;
import org.jspecify.annotations.Nullable;

/**
 * Routes by what the prompt is about. {@code categories} lists, per category, a {@code name}, example
 * utterances ({@code examples}) and the model ids that serve it ({@code modelIds}); the last user message
 * goes to the category of its nearest example by cosine similarity of sentence embeddings, if that
 * similarity reaches {@code threshold} (default 0.5). The category's models lead in route order, the rest of
 * the route follows as fallbacks; without a match the route's order stands. Example embeddings are computed
 * once per route version.
 */
public final class SemanticPolicy implements Policy {

    public static final String TYPE = "semantic";

    private static final String NO_CATEGORY = "(none)";

    private final Supplier<SentenceEmbedder> embedder;

    private final PerRoute<Built> built = new PerRoute<>(this::build);

    public SemanticPolicy(Supplier<SentenceEmbedder> embedder) {
        this.embedder = embedder;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PolicyChoice choose(PolicyRequest request) {
        Built routing = built.get(request.routeId(), request.parameters());
        if (routing.router() == null) {
            return new PolicyChoice(request.candidates(), "semantic, no categories: route order");
        }
        SemanticMatch match = routing.router().classify(request.facts().prompt().lastUserText());
        List<String> models = match.matched() ? routing.modelsByCategory().getOrDefault(match.category(), List.of())
                : List.of();
        Set<RouteTarget> ordered = new LinkedHashSet<>();
        for (RouteTarget candidate : request.candidates()) {
            if (models.contains(candidate.modelId())) {
                ordered.add(candidate);
            }
        }
        ordered.addAll(request.candidates());
        String similarity = String.valueOf(Math.round(match.similarity() * 1000) / 1000.0);
        String reason = match.matched()
                ? "nearest example is in '" + match.category() + "' (similarity " + similarity + ")"
                : "no example reaches the threshold (nearest '" + match.nearestCategory() + "', similarity "
                        + similarity + "): route order";
        return new PolicyChoice(new ArrayList<>(ordered), "semantic, " + (match.matched() ? match.category() : "no match"),
                Map.of(), Map.of(), null, List.of(reason));
    }

    private Built build(Map<String, @Nullable Object> parameters) {
        List<SemanticCategory> categories = new ArrayList<>();
        Map<String, List<String>> modelsByCategory = new HashMap<>();
        for (Map<String, @Nullable Object> category : RouteParameters.objects(parameters, "categories")) {
            String name = RouteParameters.string(category, "name");
            List<String> examples = RouteParameters.strings(category, "examples");
            if (name != null && !examples.isEmpty() && !modelsByCategory.containsKey(name)) {
                categories.add(new SemanticCategory(name, examples));
                modelsByCategory.put(name, RouteParameters.strings(category, "modelIds"));
            }
        }
        Double threshold = RouteParameters.number(parameters, "threshold");
        SemanticRouter router = categories.isEmpty() ? null
                : new SemanticRouter(categories, threshold == null ? 0.5 : threshold, NO_CATEGORY, embedder.get());
        return new Built(router, Map.copyOf(modelsByCategory));
    }

    private record Built(@Nullable SemanticRouter router,
            Map<String, List<String>> modelsByCategory) {
    }
}
