package io.signalbox.contracts.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A route: the alias a client sends as {@code model}, the policy type that decides it
 * ({@code static}, {@code weighted}, ...) and the policy's targets.
 *
 * @param parameters the policy's further parameters as validated JSON (fallback chain, tier map,
 *     thresholds, constraints), shaped by the policy type's schema; null for {@code static} and
 *     {@code weighted}, which need only {@code targets}
 */
public record RouteInfo(String id, String alias, String policyType, List<RouteTarget> targets, long version,
        @Nullable Map<String, @Nullable Object> parameters) {

    /** A route whose policy needs only its targets (the walking skeleton's shape). */
    public RouteInfo(String id, String alias, String policyType, List<RouteTarget> targets, long version) {
        this(id, alias, policyType, targets, version, null);
    }

    public RouteInfo {
        targets = List.copyOf(targets);
        parameters = parameters == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
