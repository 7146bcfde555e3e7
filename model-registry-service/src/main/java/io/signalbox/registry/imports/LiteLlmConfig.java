package io.signalbox.registry.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.registry.common.HttpUrlValidator;
import org.jspecify.annotations.Nullable;

/**
 * Reads a LiteLLM proxy {@code config.yaml}: {@code model_list} entries (a public {@code model_name}
 * and {@code litellm_params} with {@code model: <provider>/<model>}, {@code api_base}, {@code weight})
 * and the parts of {@code router_settings} that map onto route policies ({@code routing_strategy},
 * {@code fallbacks}). API keys are never imported: LiteLLM configs usually reference environment
 * variables, and credentials belong in the provider's write-only field.
 */
public final class LiteLlmConfig {

    /** LiteLLM provider prefixes for hosted APIs, to provider kinds. */
    static final Map<String, String> HOSTED = Map.of(
            "openai", "openai",
            "azure", "azure-openai",
            "anthropic", "anthropic",
            "bedrock", "bedrock",
            "vertex_ai", "vertex");

    /** Prefixes of self-hosted OpenAI-compatible servers (with an {@code api_base}). */
    static final List<String> SELF_HOSTED = List.of("hosted_vllm", "openai");

    /** LiteLLM configs rarely state a context window; this one is assumed and can be changed afterwards. */
    static final int DEFAULT_CONTEXT_WINDOW = 8192;

    private LiteLlmConfig() {
    }

    /**
     * One deployment: the public name, the provider (by LiteLLM prefix) and upstream model, and for
     * self-hosted servers the API root.
     */
    public record Deployment(String modelName, String providerName, String providerKind, String upstreamModel,
            @Nullable String apiBase, int weight, int contextWindow) {

        boolean selfHosted() {
            return apiBase != null;
        }
    }

    /**
     * @param groups deployments by public name, in file order
     * @param strategy LiteLLM's {@code routing_strategy}, if set
     * @param fallbacks public name to the public names to fall back to
     */
    public record Parsed(Map<String, List<Deployment>> groups, @Nullable String strategy,
            Map<String, List<String>> fallbacks, List<ImportReport.Skipped> skipped) {
    }

    public static Parsed parse(@Nullable Object yaml) {
        Map<String, List<Deployment>> groups = new LinkedHashMap<>();
        List<ImportReport.Skipped> skipped = new ArrayList<>();
        Map<?, ?> root = yaml instanceof Map<?, ?> map ? map : Map.of();
        Object modelList = root.get("model_list");
        if (modelList instanceof List<?> entries) {
            for (Object item : entries) {
                if (!(item instanceof Map<?, ?> entry)) {
                    continue;
                }
                String modelName = text(entry.get("model_name"));
                Map<?, ?> params = entry.get("litellm_params") instanceof Map<?, ?> p ? p : Map.of();
                Map<?, ?> info = entry.get("model_info") instanceof Map<?, ?> i ? i : Map.of();
                String model = text(params.get("model"));
                if (modelName == null || model == null) {
                    skipped.add(new ImportReport.Skipped(String.valueOf(modelName),
                            "needs model_name and litellm_params.model"));
                    continue;
                }
                Deployment deployment = deployment(modelName, model, text(params.get("api_base")),
                        number(params.get("weight")), number(info.get("max_input_tokens")) != null
                                ? number(info.get("max_input_tokens")) : number(info.get("max_tokens")));
                if (deployment == null) {
                    skipped.add(new ImportReport.Skipped(modelName, "model '" + model
                            + "' is not <provider>/<model> for a provider the gateway speaks "
                            + "(openai, azure, anthropic, bedrock, vertex_ai, or hosted_vllm/openai with api_base)"));
                    continue;
                }
                groups.computeIfAbsent(modelName, name -> new ArrayList<>()).add(deployment);
            }
        }
        Map<?, ?> router = root.get("router_settings") instanceof Map<?, ?> r ? r : Map.of();
        Map<String, List<String>> fallbacks = new LinkedHashMap<>();
        if (router.get("fallbacks") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    map.forEach((from, to) -> {
                        if (to instanceof List<?> targets) {
                            fallbacks.put(String.valueOf(from), targets.stream().map(String::valueOf).toList());
                        }
                    });
                }
            }
        }
        return new Parsed(groups, text(router.get("routing_strategy")), fallbacks, skipped);
    }

    private static @Nullable Deployment deployment(String modelName, String model, @Nullable String apiBase,
            @Nullable Integer weight, @Nullable Integer context) {
        int slash = model.indexOf('/');
        if (slash <= 0 || slash == model.length() - 1) {
            return null;
        }
        String prefix = model.substring(0, slash);
        String upstream = model.substring(slash + 1);
        int checkedWeight = weight == null || weight < 1 ? 1 : weight;
        int contextWindow = context == null || context < 1 ? DEFAULT_CONTEXT_WINDOW : context;
        boolean selfHosted = apiBase != null && SELF_HOSTED.contains(prefix) && HttpUrlValidator.isHttpUrl(apiBase)
                && !apiBase.contains("api.openai.com");
        if (selfHosted) {
            return new Deployment(modelName, "hosted_vllm", "openai-compatible", upstream, apiBase, checkedWeight,
                    contextWindow);
        }
        String kind = HOSTED.get(prefix);
        return kind == null ? null
                : new Deployment(modelName, prefix, kind, upstream, null, checkedWeight, contextWindow);
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static @Nullable Integer number(@Nullable Object value) {
        return value instanceof Number number ? number.intValue() : null;
    }
}
