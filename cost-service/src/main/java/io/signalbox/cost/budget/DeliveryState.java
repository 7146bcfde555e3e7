package io.signalbox.cost.budget;

/** Where an alert's webhook delivery stands. */
public enum DeliveryState {

    /** Not delivered yet; the next attempt is due at {@code nextAttemptAt}. */
    PENDING("pending"),

    /** The webhook answered 2xx. */
    DELIVERED("delivered"),

    /** Given up: the webhook refused it (a 4xx other than 408 and 429) or every attempt failed. */
    FAILED("failed"),

    /** Neither the budget nor the configuration names a webhook; the alert is only recorded. */
    NOT_CONFIGURED("not-configured");

    private final String wireName;

    DeliveryState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static DeliveryState fromWire(String name) {
        for (DeliveryState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown delivery state '" + name + "'");
    }
}
