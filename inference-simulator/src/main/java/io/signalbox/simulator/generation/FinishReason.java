package io.signalbox.simulator.generation;

/** Why generation ended, with OpenAI's wire value. */
public enum FinishReason {

    /** The answer reached its natural end. */
    STOP("stop"),

    /** The answer was cut at {@code max_tokens} or at the end of the context window. */
    LENGTH("length"),

    /** The answer is a tool call, which the client runs before the conversation goes on. */
    TOOL_CALLS("tool_calls");

    private final String wireValue;

    FinishReason(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }
}
