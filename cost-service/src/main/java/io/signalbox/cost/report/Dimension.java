package io.signalbox.cost.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a cost report can be grouped and filtered by. Tenants, teams, keys, providers and routes are shown
 * by their ids (line items carry no names for them; the registry owns the names). Models are shown by the
 * name clients know them by, falling back to the id when an event had no name, and a model filter matches
 * either. Tags are grouped by the value of one tag name ({@code tagName}).
 */
public enum Dimension {

    TENANT("tenant_id"),
    TEAM("team_id"),
    KEY("key_id"),
    MODEL("coalesce(model_name, model_id)"),
    PROVIDER("provider_id"),
    ROUTE("route_alias"),
    TAG("tag");

    /** The label of line items that have no value for the dimension (no team, no model, no such tag). */
    public static final String NONE = "(none)";

    private final String expression;

    Dimension(String expression) {
        this.expression = expression;
    }

    /** The SQL expression of the group key over a report source; a constant, never user input. */
    String expression() {
        return expression;
    }

    /** The name used in the API: {@code tenant}, {@code team}, {@code key}, ... */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Dimension> fromApiName(String value) {
        for (Dimension candidate : values()) {
            if (candidate.apiName().equalsIgnoreCase(value.trim())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String apiNames() {
        return Arrays.stream(values()).map(Dimension::apiName).collect(Collectors.joining(", "));
    }
}
