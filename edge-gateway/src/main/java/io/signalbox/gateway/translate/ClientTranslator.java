package io.signalbox.gateway.translate;

/**
 * Serves clients that speak another API than OpenAI's; the pipeline in between speaks OpenAI chat completions.
 * The counterpart of {@link BackendTranslator} on the client side: requests are translated before the pipeline
 * reads them, answers (bodies, errors, stream events) after the pipeline has read usage from them.
 */
public interface ClientTranslator {

    /** The client API, e.g. "anthropic". */
    String clientApi();

    /** The client's operation, as usage events name it (e.g. {@code messages}); decisions still name the OpenAI one. */
    String operationName();

    /**
     * The OpenAI chat-completions request body (JSON bytes) for the client's request body. Throws
     * {@link io.signalbox.gateway.openai.OpenAiException} (400, type invalid_request_error, a precise message and
     * param) for a request that is not valid in the client's API: not a JSON object, missing/invalid model,
     * messages, max_tokens, unknown roles or block types.
     */
    byte[] request(byte[] clientBody);

    /** A successful OpenAI chat-completion body as the client API's answer body. */
    byte[] response(byte[] openAiBody);

    /**
     * An OpenAI-shaped error body ({"error":{"message","type","param","code"}}), with the HTTP status it goes out
     * with, as the client API's error body. Tolerates a body that is not JSON.
     */
    byte[] error(int status, byte[] openAiErrorBody);

    /** A translation of one stream: OpenAI stream events in, the client API's events out. */
    BackendTranslator.StreamTranslation stream();
}
