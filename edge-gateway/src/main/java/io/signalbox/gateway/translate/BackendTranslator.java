package io.signalbox.gateway.translate;

import java.util.List;
import java.util.Map;

import io.signalbox.gateway.openai.OpenAiRequest;
import io.signalbox.gateway.openai.Operation;

/**
 * Serves OpenAI-format client requests from a backend that speaks another API. Requests are rewritten
 * before they leave, answers (bodies, errors, stream events) before the gateway reads usage from them, so
 * everything after translation sees OpenAI's shapes.
 */
public interface BackendTranslator {

    /** The backend API this translator speaks, as a provider's {@code kind} names it. */
    String apiFormat();

    /** Whether the backend can serve the operation at all. */
    boolean supports(Operation operation);

    /** The path below the backend's API root for the operation. */
    String path(Operation operation);

    /** Headers the backend requires on every request (API version and the like). */
    Map<String, String> headers();

    /** The backend's request for the client's. */
    byte[] request(OpenAiRequest request, String upstreamModel);

    /** A successful backend answer as an OpenAI answer. */
    byte[] response(byte[] backendBody);

    /** A failed backend answer as an OpenAI error body. */
    byte[] error(int status, byte[] backendBody);

    /** The status a client should see for a backend status (backends have statuses OpenAI clients do not know). */
    int clientStatus(int backendStatus);

    /** A translation of one stream; holds that stream's state. */
    StreamTranslation stream();

    /** Turns a backend stream's events into OpenAI stream events, one at a time, in order. */
    interface StreamTranslation {

        /** The OpenAI events (whole {@code data: ...\n\n} events) that one backend event becomes; often none. */
        List<byte[]> translate(byte[] backendEvent);
    }
}
