package io.signalbox.gateway.openai;

/**
 * The OpenAI operations the gateway proxies: the name used in decisions and usage events, the path below
 * an upstream's {@code /v1} root, and whether the operation can stream.
 */
public enum Operation {

    CHAT_COMPLETIONS("chat.completions", "/chat/completions", true),
    COMPLETIONS("completions", "/completions", true),
    EMBEDDINGS("embeddings", "/embeddings", false);

    private final String eventName;

    private final String path;

    private final boolean streamable;

    Operation(String eventName, String path, boolean streamable) {
        this.eventName = eventName;
        this.path = path;
        this.streamable = streamable;
    }

    /** The operation's name in decision requests and usage events. */
    public String eventName() {
        return eventName;
    }

    public String path() {
        return path;
    }

    public boolean streamable() {
        return streamable;
    }
}
