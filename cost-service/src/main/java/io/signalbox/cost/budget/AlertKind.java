package io.signalbox.cost.budget;

/** Why an alert was raised. */
public enum AlertKind {

    /** Spend reached one of the budget's alert thresholds (a percentage of its amount). */
    THRESHOLD("threshold"),

    /** Spend reached the amount of a budget that enforces its hard limit: routing now refuses requests. */
    HARD_LIMIT("hard-limit"),

    /** The scope's spend so far today is far above its trailing baseline. */
    ANOMALY("anomaly");

    private final String wireName;

    AlertKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static AlertKind fromWire(String name) {
        for (AlertKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown alert kind '" + name + "'");
    }
}
