package io.signalbox.contracts.decision;

/**
 * A name a client may send as {@code model}: a route alias or a model, as listed by
 * routing-service's {@code GET /v1/models} and shown by the gateway in OpenAI's model-list shape.
 *
 * @param kind {@code route} or {@code model}
 * @param ownedBy the provider for models, {@code signalbox} for routes
 */
public record AvailableModel(String id, String kind, String ownedBy, long created) {
}
