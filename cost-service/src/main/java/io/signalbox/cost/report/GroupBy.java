package io.signalbox.cost.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What a cost report is grouped by. Models are grouped by the name clients know them by, falling back
 * to the id when an event had no name; a missing team is shown as {@value #NONE}.
 */
public enum GroupBy {

    TEAM("team_id"),
    MODEL("coalesce(model_name, model_id)"),
    TENANT("tenant_id");

    /** The group label of line items that have no value for the grouping (no team, no model). */
    public static final String NONE = "(none)";

    private final String sqlExpression;

    GroupBy(String sqlExpression) {
        this.sqlExpression = sqlExpression;
    }

    /** The SQL expression that yields the group key; a constant of this enum, never user input. */
    String sqlExpression() {
        return sqlExpression;
    }

    /** The name used in the API ({@code team}, {@code model}, {@code tenant}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String label(@Nullable String key) {
        return key == null ? NONE : key;
    }

    static GroupBy parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return TEAM;
        }
        for (GroupBy candidate : values()) {
            if (candidate.apiName().equalsIgnoreCase(value.trim())) {
                return candidate;
            }
        }
        throw new InvalidReportQueryException("groupBy", "groupBy must be one of "
                + Arrays.stream(values()).map(GroupBy::apiName).collect(Collectors.joining(", ")) + ", not '" + value + "'.");
    }
}
