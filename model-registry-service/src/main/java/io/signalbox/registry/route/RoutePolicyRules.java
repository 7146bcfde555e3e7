package io.signalbox.registry.route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.common.Violations;
import org.jspecify.annotations.Nullable;

/**
 * The shape rules of a route: its alias and its policy. Whether the target models exist, and whether
 * the alias is free, needs the database and is checked by {@link RouteService}.
 *
 * <ul>
 * <li>{@code static}: exactly one target; its weight is optional (1).</li>
 * <li>{@code weighted}: one or more targets, each with a positive weight; a model appears once
 * (two entries for one model would be one split written twice).</li>
 * </ul>
 */
public final class RoutePolicyRules {

    /** Aliases are what clients send as {@code model}: lower case, no spaces, no slashes. */
    public static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public static final int MAX_ALIAS_LENGTH = 100;

    public static final int MAX_TARGETS = 50;

    public static final int MAX_WEIGHT = 1_000_000;

    private RoutePolicyRules() {
    }

    /**
     * @throws ValidationFailedException listing every broken rule, named by JSON path
     *     ({@code alias}, {@code policy.type}, {@code policy.targets[1].weight}, ...)
     */
    public static Policy check(@Nullable String alias, @Nullable String type,
            @Nullable List<@Nullable TargetDraft> targets) {
        Violations violations = new Violations();
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            violations.add("alias", "must be lower-case letters, digits and . _ -, starting with a letter or digit");
        }
        else if (alias.length() > MAX_ALIAS_LENGTH) {
            violations.add("alias", "must be at most " + MAX_ALIAS_LENGTH + " characters");
        }
        PolicyType policyType = PolicyType.of(type);
        if (policyType == null) {
            violations.add("policy.type", "must be one of static, weighted");
        }
        List<@Nullable TargetDraft> drafts = targets == null ? List.of() : targets;
        if (policyType == PolicyType.STATIC && drafts.size() != 1) {
            violations.add("policy.targets", "a static route has exactly one target");
        }
        if (policyType == PolicyType.WEIGHTED && drafts.isEmpty()) {
            violations.add("policy.targets", "a weighted route needs at least one target");
        }
        if (drafts.size() > MAX_TARGETS) {
            violations.add("policy.targets", "must have at most " + MAX_TARGETS + " targets");
        }
        List<Target> checked = new ArrayList<>(drafts.size());
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            @Nullable TargetDraft draft = drafts.get(i);
            String path = "policy.targets[" + i + "]";
            if (draft == null || draft.modelId() == null) {
                violations.add(path + ".modelId", "is required");
            }
            else if (!seen.add(draft.modelId())) {
                violations.add(path + ".modelId", "names a model that is already a target of this route");
            }
            Integer weight = draft == null ? null : draft.weight();
            if (weight == null && policyType == PolicyType.WEIGHTED) {
                violations.add(path + ".weight", "is required for a weighted route");
            }
            else if (weight != null && (weight < 1 || weight > MAX_WEIGHT)) {
                violations.add(path + ".weight", "must be between 1 and " + MAX_WEIGHT);
            }
            if (draft != null && draft.modelId() != null) {
                checked.add(new Target(draft.modelId(), weight == null ? 1 : weight));
            }
        }
        violations.throwIfAny();
        // Without violations, the type is known.
        return new Policy(policyType == null ? "" : policyType.wireName, checked);
    }

    /** A target as the request gave it; either part may be missing. */
    public record TargetDraft(@Nullable UUID modelId, @Nullable Integer weight) {
    }

    /** A checked target, stored in the route's {@code targets} jsonb column as {@code {"modelId", "weight"}}. */
    public record Target(UUID modelId, int weight) {
    }

    /** A checked policy. */
    public record Policy(String type, List<Target> targets) {

        public Policy {
            targets = List.copyOf(targets);
        }
    }

    private enum PolicyType {
        STATIC("static"), WEIGHTED("weighted");

        private final String wireName;

        PolicyType(String wireName) {
            this.wireName = wireName;
        }

        static @Nullable PolicyType of(@Nullable String name) {
            for (PolicyType type : values()) {
                if (type.wireName.equals(name)) {
                    return type;
                }
            }
            return null;
        }
    }
}
