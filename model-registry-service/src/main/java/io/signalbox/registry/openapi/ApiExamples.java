package io.signalbox.registry.openapi;

import java.util.Map;

import static java.util.Map.entry;

/**
 * A request example for every operation that takes a body, keyed by {@code "METHOD path"} as the
 * OpenAPI document names it. Ids are placeholders an admin replaces with the ids the creates answered.
 */
final class ApiExamples {

    static final String PROVIDER_ID = "6c1f3a52-8d1e-4c3b-9a8e-0f6f6f1d2a10";

    static final String MODEL_ID = "0d5a4c7e-2b1f-4e8a-b3c9-71a2f0e4d9b3";

    static final String OTHER_MODEL_ID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

    static final String TENANT_ID = "3b2a1f0e-9d8c-4b7a-a6f5-e4d3c2b1a0f9";

    static final String TEAM_ID = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";

    private static final String PROVIDER = """
            {"name": "openai", "kind": "openai", "baseUrl": "https://api.openai.com/v1",
             "connectTimeoutMs": 2000, "requestTimeoutMs": 60000, "requestsPerMinute": 10000,
             "tokensPerMinute": 2000000, "credentials": {"apiKey": "sk-..."}}""";

    private static final String MODEL = """
            {"providerId": "%s", "name": "gpt-4o-mini", "upstreamModel": "gpt-4o-mini-2024-07-18",
             "contextWindow": 128000, "maxOutputTokens": 16384, "capabilities": ["chat", "tools", "vision"],
             "family": "gpt-4o", "qualityTier": "standard", "status": "active", "regions": ["us-east", "eu-west"]}"""
            .formatted(PROVIDER_ID);

    private static final String MODEL_UPDATE = """
            {"name": "gpt-4o-mini", "upstreamModel": "gpt-4o-mini-2024-07-18", "contextWindow": 128000,
             "capabilities": ["chat", "tools", "vision"], "status": "deprecated", "deprecationDate": "2026-12-31"}""";

    private static final String POOL = """
            {"name": "llama-eu", "modelId": "%s", "region": "eu-west", "hardwareProfile": "8xH100-80GB",
             "loraAdapters": ["sql-assistant"], "privatePool": true,
             "picker": {"prefixWeight": 4, "queueThreshold": 8}}""".formatted(MODEL_ID);

    private static final String ENDPOINT = """
            {"baseUrl": "http://10.0.0.12:8000/v1", "metricsUrl": "http://10.0.0.12:8000/metrics", "weight": 2,
             "state": "active"}""";

    private static final String ROUTE = """
            {"alias": "smart", "policy": {"type": "weighted",
             "targets": [{"modelId": "%s", "weight": 80}, {"modelId": "%s", "weight": 20}]}}"""
            .formatted(MODEL_ID, OTHER_MODEL_ID);

    private static final String ROUTE_FALLBACK = """
            {"alias": "smart", "policy": {"type": "fallback",
             "targets": [{"modelId": "%s"}, {"modelId": "%s"}],
             "parameters": {"maxAttempts": 2, "retryOn": ["rate_limited", "server_error"],
                            "constraints": {"regions": ["eu-west"]}}}}""".formatted(MODEL_ID, OTHER_MODEL_ID);

    private static final String KEY = """
            {"teamId": "%s", "name": "search backend", "tags": {"project": "search", "env": "prod"},
             "expiresAt": "2027-01-01T00:00:00Z", "allowedModels": ["smart", "gpt-4o-mini"],
             "requestsPerMinute": 600, "tokensPerMinute": 1000000}""".formatted(TEAM_ID);

    static final Map<String, String> REQUESTS = Map.ofEntries(
            entry("POST /api/v1/providers", PROVIDER),
            entry("PUT /api/v1/providers/{id}", PROVIDER),
            entry("POST /api/v1/models", MODEL),
            entry("PUT /api/v1/models/{id}", MODEL_UPDATE),
            entry("POST /api/v1/models/{id}/prices", """
                    {"currency": "USD", "inputPerMillion": "0.15", "outputPerMillion": "0.60",
                     "cachedInputPerMillion": "0.075", "effectiveFrom": "2026-01-01T00:00:00Z"}"""),
            entry("POST /api/v1/pools", POOL),
            entry("PUT /api/v1/pools/{id}", POOL),
            entry("POST /api/v1/pools/{id}/endpoints", ENDPOINT),
            entry("PUT /api/v1/pools/{id}/endpoints/{endpointId}", ENDPOINT.replace("\"active\"", "\"draining\"")),
            entry("POST /api/v1/routes", ROUTE),
            entry("PUT /api/v1/routes/{id}", ROUTE_FALLBACK),
            entry("POST /api/v1/routes:validate", ROUTE_FALLBACK),
            entry("POST /api/v1/routes/{id}/rollback", "{\"version\": 1}"),
            entry("POST /api/v1/tenants", """
                    {"name": "acme", "allowedModels": ["auto", "llama-3.1-8b"], "allowedRegions": ["eu-west"]}"""),
            entry("PUT /api/v1/tenants/{id}", """
                    {"name": "acme-corp", "allowedModels": ["auto", "llama-3.1-8b"], "allowedRegions": ["eu-west"]}"""),
            entry("POST /api/v1/tenants/{tenantId}/price-adjustments", """
                    {"providerId": "%s", "percent": "-12.5", "effectiveFrom": "2026-01-01T00:00:00Z",
                     "note": "2026 enterprise agreement"}""".formatted(PROVIDER_ID)),
            entry("PUT /api/v1/tenants/{tenantId}/price-adjustments/{id}", """
                    {"providerId": "%s", "percent": "-15", "effectiveFrom": "2026-01-01T00:00:00Z",
                     "effectiveTo": "2027-01-01T00:00:00Z", "note": "2026 enterprise agreement, amended"}"""
                    .formatted(PROVIDER_ID)),
            entry("POST /api/v1/teams", """
                    {"tenantId": "%s", "name": "search", "requestsPerMinute": 3000, "tokensPerMinute": 5000000}"""
                    .formatted(TENANT_ID)),
            entry("PUT /api/v1/teams/{id}", "{\"name\": \"search\", \"requestsPerMinute\": 6000}"),
            entry("POST /api/v1/keys", KEY),
            entry("POST /api/v1/import/litellm-prices", """
                    {"gpt-4o-mini": {"max_input_tokens": 128000, "max_output_tokens": 16384,
                     "input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07,
                     "cache_read_input_token_cost": 7.5e-08, "litellm_provider": "openai", "mode": "chat",
                     "supports_function_calling": true, "supports_vision": true}}"""),
            entry("POST /api/v1/import/litellm-config", """
                    model_list:
                      - model_name: smart
                        litellm_params:
                          model: openai/gpt-4o
                      - model_name: llama
                        litellm_params:
                          model: hosted_vllm/meta-llama/Llama-3.1-8B-Instruct
                          api_base: http://10.0.0.12:8000/v1
                    router_settings:
                      routing_strategy: simple-shuffle
                    """),
            entry("POST /api/v1/config/import", """
                    apiVersion: signalbox.io/v1
                    kind: RegistryConfiguration
                    providers:
                      - name: local-vllm
                        kind: openai-compatible
                    models:
                      - name: llama-3.1-8b
                        provider: local-vllm
                        upstreamModel: meta-llama/Llama-3.1-8B-Instruct
                        contextWindow: 131072
                        capabilities: [chat]
                        status: active
                        prices:
                          - {currency: USD, inputPerMillion: '0.03', outputPerMillion: '0.05', effectiveFrom: '2026-01-01T00:00:00Z'}
                    routes:
                      - alias: fast
                        policy: {type: static, targets: [{model: llama-3.1-8b, weight: 1}]}
                    """),
            entry("PUT /api/v1/keys/{id}", """
                    {"name": "search backend", "tags": {"project": "search"}, "allowedModels": ["smart"]}"""));

    static final String PROBLEM = """
            {"type": "https://signalbox.io/problems/validation-failed", "title": "Validation failed",
             "status": 400, "detail": "The request breaks 2 rules; see errors.", "instance": "/api/v1/models",
             "errors": [{"field": "contextWindow", "message": "must be greater than 0"},
                        {"field": "name", "message": "must not be blank"}]}""";

    private ApiExamples() {
    }
}
