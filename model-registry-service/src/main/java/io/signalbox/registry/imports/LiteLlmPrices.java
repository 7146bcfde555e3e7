package io.signalbox.registry.imports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.signalbox.registry.model.ModelVocabulary;
import io.signalbox.registry.model.PriceRules;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads LiteLLM's {@code model_prices_and_context_window.json}: one entry per model with its provider
 * ({@code litellm_provider}), mode, context window, capability flags and per-token prices. Entries
 * this registry cannot represent are skipped with a reason, never guessed.
 */
public final class LiteLlmPrices {

    /** LiteLLM's provider names for the APIs Signalbox's gateway speaks, to provider kinds. */
    static final Map<String, String> PROVIDER_KINDS = Map.of(
            "openai", "openai",
            "text-completion-openai", "openai",
            "azure", "azure-openai",
            "azure_text", "azure-openai",
            "anthropic", "anthropic",
            "bedrock", "bedrock",
            "bedrock_converse", "bedrock",
            "vertex_ai", "vertex",
            "hosted_vllm", "openai-compatible");

    private static final Pattern NAME = Pattern.compile(ModelVocabulary.NAME_PATTERN);

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private LiteLlmPrices() {
    }

    /** One importable model: its provider, catalog attributes and price per million tokens. */
    public record Entry(String name, String providerName, String providerKind, int contextWindow,
            @Nullable Integer maxOutputTokens, List<String> capabilities, BigDecimal inputPerMillion,
            BigDecimal outputPerMillion, @Nullable BigDecimal cachedInputPerMillion,
            @Nullable BigDecimal reasoningPerMillion) {
    }

    /** The entries of the file, in file order, and what was skipped. */
    public record Parsed(List<Entry> entries, List<ImportReport.Skipped> skipped) {
    }

    public static Parsed parse(JsonNode document) {
        List<Entry> entries = new ArrayList<>();
        List<ImportReport.Skipped> skipped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : document.properties()) {
            String name = property.getKey();
            if ("sample_spec".equals(name)) {
                continue;
            }
            String problem = problem(name, property.getValue());
            if (problem != null) {
                skipped.add(new ImportReport.Skipped(name, problem));
                continue;
            }
            entries.add(entry(name, property.getValue()));
        }
        return new Parsed(entries, skipped);
    }

    private static @Nullable String problem(String name, JsonNode spec) {
        if (!NAME.matcher(name).matches() || name.length() > 200) {
            return "the name cannot be a Signalbox model name (" + ModelVocabulary.NAME_MESSAGE + ")";
        }
        String provider = spec.path("litellm_provider").asString("");
        if (!PROVIDER_KINDS.containsKey(provider) && !provider.startsWith("vertex_ai")) {
            return "provider '" + provider + "' is not one the gateway speaks";
        }
        if (capability(spec.path("mode").asString("")) == null) {
            return "mode '" + spec.path("mode").asString("") + "' is not chat, completion or embedding";
        }
        if (contextWindow(spec) == null) {
            return "no context window (max_input_tokens or max_tokens)";
        }
        if (perMillion(spec.path("input_cost_per_token")) == null
                || perMillion(spec.path("output_cost_per_token")) == null && !"embedding".equals(spec.path("mode").asString(""))) {
            return "no exact per-token input and output prices";
        }
        return null;
    }

    private static Entry entry(String name, JsonNode spec) {
        String provider = spec.path("litellm_provider").asString("");
        String kind = PROVIDER_KINDS.getOrDefault(provider, "vertex");
        Set<String> capabilities = new LinkedHashSet<>();
        capabilities.add(capability(spec.path("mode").asString("")));
        flag(spec, "supports_function_calling", "tools", capabilities);
        flag(spec, "supports_vision", "vision", capabilities);
        flag(spec, "supports_response_schema", "json_schema", capabilities);
        flag(spec, "supports_reasoning", "reasoning", capabilities);
        int context = contextWindow(spec);
        Integer maxOutput = positive(spec.path("max_output_tokens"));
        BigDecimal input = perMillion(spec.path("input_cost_per_token"));
        BigDecimal output = perMillion(spec.path("output_cost_per_token"));
        return new Entry(name, provider.startsWith("vertex_ai") ? "vertex_ai" : provider, kind, context,
                maxOutput != null && maxOutput <= context ? maxOutput : null, List.copyOf(capabilities),
                input == null ? BigDecimal.ZERO : input, output == null ? BigDecimal.ZERO : output,
                perMillion(spec.path("cache_read_input_token_cost")),
                perMillion(spec.path("output_cost_per_reasoning_token")));
    }

    private static @Nullable String capability(String mode) {
        return switch (mode) {
            case "chat", "responses" -> "chat";
            case "completion" -> "completion";
            case "embedding" -> "embeddings";
            default -> null;
        };
    }

    private static void flag(JsonNode spec, String field, String capability, Set<String> capabilities) {
        if (spec.path(field).asBoolean(false)) {
            capabilities.add(capability);
        }
    }

    private static @Nullable Integer contextWindow(JsonNode spec) {
        Integer input = positive(spec.path("max_input_tokens"));
        return input != null ? input : positive(spec.path("max_tokens"));
    }

    private static @Nullable Integer positive(JsonNode value) {
        return value.isIntegralNumber() && value.asLong() > 0 && value.asLong() <= 100_000_000 ? value.asInt() : null;
    }

    /**
     * A per-token price as a rate per million tokens, or null when missing or not exact at six decimal
     * places (a rounded price would charge something other than LiteLLM's list says).
     */
    static @Nullable BigDecimal perMillion(JsonNode value) {
        if (!value.isNumber()) {
            return null;
        }
        BigDecimal rate = value.decimalValue().multiply(MILLION).stripTrailingZeros();
        if (rate.signum() < 0 || rate.scale() > PriceRules.RATE_SCALE) {
            return null;
        }
        return rate.setScale(PriceRules.RATE_SCALE);
    }
}
