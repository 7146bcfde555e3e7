package io.signalbox.registry.model;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;

import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.common.Violations;
import org.jspecify.annotations.Nullable;

/**
 * What an admin sets on a model (validated by the web adapter; {@link #checked()} adds the rules that
 * span fields).
 *
 * @param qualityTier {@code economy}, {@code standard} or {@code premium}; for tier-based routing
 * @param deprecationDate required when {@code status} is {@code deprecated}: clients are told when
 * @param regions where the model may serve from; empty: anywhere
 */
public record ModelSpec(String name, String upstreamModel, int contextWindow, List<String> capabilities, String status,
        @Nullable String family, @Nullable Integer maxOutputTokens, @Nullable String qualityTier,
        @Nullable LocalDate deprecationDate, List<String> regions) {

    public ModelSpec {
        capabilities = List.copyOf(new LinkedHashSet<>(capabilities));
        regions = List.copyOf(new LinkedHashSet<>(regions));
    }

    /**
     * @throws ValidationFailedException when a deprecated model has no
     *     deprecation date, or answers may be longer than the context window
     */
    ModelSpec checked() {
        Violations violations = new Violations();
        if ("deprecated".equals(status) && deprecationDate == null) {
            violations.add("deprecationDate", "is required when the status is deprecated");
        }
        if (maxOutputTokens != null && maxOutputTokens > contextWindow) {
            violations.add("maxOutputTokens", "must not exceed the context window");
        }
        violations.throwIfAny();
        return this;
    }
}
