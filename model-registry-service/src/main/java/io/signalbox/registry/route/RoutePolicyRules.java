package io.signalbox.registry.route;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.common.Violations;
import org.jspecify.annotations.Nullable;

/**
 * The shape rules of a route: its alias, its policy type, targets and parameters. Whether the target
 * models exist, and whether the alias is free, needs the database and is checked by {@link RouteService}.
 * The JSON Schemas in {@code policy-schemas/<type>.schema.json} describe the same rules for clients.
 *
 * <ul>
 * <li>{@code static}: exactly one target; its weight is optional (1). No parameters.</li>
 * <li>{@code weighted}: one or more targets, each with a positive weight; a model appears once
 * (two entries for one model would be one split written twice). No parameters.</li>
 * <li>{@code fallback}: two or more targets, tried in order; {@code maxAttempts} (1 to the number of
 * targets), {@code retryOn} (any of {@code rate_limited}, {@code server_error}, {@code timeout}).</li>
 * <li>{@code tiered}: {@code tiers} maps quality tiers ({@code economy}, {@code standard},
 * {@code premium}) to target model ids; {@code defaultTier} is one of them.</li>
 * <li>{@code cost-aware}: two or more targets, the cheapest that meets {@code minQualityTier} and
 * {@code maxCostPerMillion} wins.</li>
 * <li>{@code latency-aware}: thresholds {@code maxQueueDepth} and {@code maxTimeToFirstTokenMs}, tolerance band
 * {@code toleranceMs} and {@code tolerancePercent}.</li>
 * <li>{@code complexity}: {@code tiers} as for {@code tiered}, {@code thresholds} (tier to a score in [0, 1]),
 * optional {@code defaultTier}, {@code scorer} ({@code features} or {@code embedding}, which needs {@code head}).</li>
 * <li>{@code semantic}: {@code categories} ({@code name}, {@code examples}, {@code modelIds} among the targets),
 * {@code threshold} (a cosine similarity in [-1, 1]).</li>
 * </ul>
 * Every type but {@code static} and {@code weighted} also takes {@code constraints}: {@code regions},
 * {@code capabilities}, {@code privateOnly} and {@code onSensitiveData} ({@code allow} or {@code private}).
 * Every type takes {@code mirror}: {@code modelId} and {@code percent}, shadow traffic to a second model.
 */
public final class RoutePolicyRules {

    /** Aliases are what clients send as {@code model}: lower case, no spaces, no slashes. */
    public static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public static final int MAX_ALIAS_LENGTH = 100;

    public static final int MAX_TARGETS = 50;

    public static final int MAX_WEIGHT = 1_000_000;

    static final Set<String> TIERS = Set.of("economy", "standard", "premium");

    static final Set<String> RETRY_REASONS = Set.of("rate_limited", "server_error", "timeout");

    static final Set<String> CAPABILITIES = Set.of("chat", "completion", "embeddings", "tools", "vision",
            "json_schema", "reasoning");

    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private static final String PARAMETERS = "policy.parameters";

    private static final String MIRROR = "mirror";

    private RoutePolicyRules() {
    }

    /** A policy without parameters ({@code static} and {@code weighted}). */
    public static Policy check(@Nullable String alias, @Nullable String type,
            @Nullable List<@Nullable TargetDraft> targets) {
        return check(alias, type, targets, null);
    }

    /**
     * @throws ValidationFailedException listing every broken rule, named by JSON path
     *     ({@code alias}, {@code policy.type}, {@code policy.targets[1].weight},
     *     {@code policy.parameters.tiers.premium[0]}, ...)
     */
    public static Policy check(@Nullable String alias, @Nullable String type,
            @Nullable List<@Nullable TargetDraft> targets, @Nullable Map<String, @Nullable Object> parameters) {
        Violations violations = new Violations();
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            violations.add("alias", "must be lower-case letters, digits and . _ -, starting with a letter or digit");
        }
        else if (alias.length() > MAX_ALIAS_LENGTH) {
            violations.add("alias", "must be at most " + MAX_ALIAS_LENGTH + " characters");
        }
        PolicyType policyType = PolicyType.of(type);
        if (policyType == null) {
            violations.add("policy.type", "must be one of " + PolicyType.names());
        }
        List<@Nullable TargetDraft> drafts = targets == null ? List.of() : targets;
        if (policyType == PolicyType.STATIC && drafts.size() != 1) {
            violations.add("policy.targets", "a static route has exactly one target");
        }
        if (policyType != null && policyType != PolicyType.STATIC && drafts.size() < policyType.minTargets) {
            violations.add("policy.targets", policyType.minTargets == 1
                    ? "a " + policyType.wireName + " route needs at least one target"
                    : "a " + policyType.wireName + " route needs at least " + policyType.minTargets + " targets");
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
        Map<String, @Nullable Object> params = parameters == null ? Map.of() : parameters;
        if (policyType != null) {
            checkParameters(policyType, params, seen, drafts.size(), violations);
        }
        violations.throwIfAny();
        // Without violations, the type is known.
        PolicyType known = policyType == null ? PolicyType.STATIC : policyType;
        return new Policy(known.wireName, checked,
                !params.isEmpty() ? new LinkedHashMap<>(params) : null);
    }

    private static void checkParameters(PolicyType type, Map<String, @Nullable Object> params, Set<UUID> targets,
            int targetCount, Violations violations) {
        checkMirror(params.get(MIRROR), violations);
        if (!type.takesParameters) {
            if (params.keySet().stream().anyMatch(key -> !MIRROR.equals(key))) {
                violations.add(PARAMETERS, "a " + type.wireName + " route takes no parameters but mirror");
            }
            return;
        }
        for (String key : params.keySet()) {
            if (!type.parameters.contains(key) && !"constraints".equals(key) && !MIRROR.equals(key)) {
                violations.add(PARAMETERS + "." + key, "is not a parameter of " + type.wireName + " routes; known: "
                        + type.parameters + ", constraints and mirror");
            }
        }
        switch (type) {
            case FALLBACK -> {
                integer(params, "maxAttempts", 1, Math.max(1, targetCount), false, violations);
                subset(params, "retryOn", RETRY_REASONS, violations);
            }
            case TIERED -> checkTiers(params, targets, violations);
            case COST_AWARE -> {
                decimal(params, "maxCostPerMillion", violations);
                oneOf(params, "minQualityTier", TIERS, violations);
            }
            case LATENCY_AWARE -> {
                integer(params, "maxQueueDepth", 1, 1_000_000, false, violations);
                integer(params, "maxTimeToFirstTokenMs", 1, 600_000, false, violations);
                integer(params, "toleranceMs", 0, 600_000, false, violations);
                integer(params, "tolerancePercent", 0, 100, false, violations);
            }
            case COMPLEXITY -> checkComplexity(params, targets, violations);
            case SEMANTIC -> checkSemantic(params, targets, violations);
            default -> {
            }
        }
        checkConstraints(params.get("constraints"), violations);
    }

    private static void checkComplexity(Map<String, @Nullable Object> params, Set<UUID> targets,
            Violations violations) {
        Object tiers = params.get("tiers");
        if (!params.containsKey("defaultTier") && tiers instanceof Map<?, ?> map && !map.isEmpty()) {
            Map<String, @Nullable Object> withDefault = new LinkedHashMap<>(params);
            withDefault.put("defaultTier", List.of("economy", "standard", "premium").stream().filter(map::containsKey)
                    .findFirst().orElse("standard"));
            checkTiers(withDefault, targets, violations);
        }
        else {
            checkTiers(params, targets, violations);
        }
        Object thresholds = params.get("thresholds");
        if (thresholds != null) {
            if (!(thresholds instanceof Map<?, ?> map)) {
                violations.add(PARAMETERS + ".thresholds", "must be an object from quality tier to a score in [0, 1]");
            }
            else {
                map.forEach((tier, value) -> {
                    String path = PARAMETERS + ".thresholds." + tier;
                    if (!(tiers instanceof Map<?, ?> tierMap && tierMap.containsKey(tier))) {
                        violations.add(path, "must be one of the tiers given");
                    }
                    if (!(value instanceof Number number) || number.doubleValue() < 0 || number.doubleValue() > 1) {
                        violations.add(path, "must be a score between 0 and 1");
                    }
                });
            }
        }
        oneOf(params, "scorer", Set.of("features", "embedding"), violations);
        Object head = params.get("head");
        if ("embedding".equals(params.get("scorer"))) {
            if (!(head instanceof Map<?, ?> map) || !"signalbox.complexity-head/v1".equals(map.get("format"))) {
                violations.add(PARAMETERS + ".head", "is required for the embedding scorer: the JSON object the "
                        + "offline train command writes (format signalbox.complexity-head/v1)");
            }
        }
        else if (head != null) {
            violations.add(PARAMETERS + ".head", "is used only with \"scorer\": \"embedding\"");
        }
    }

    private static void checkSemantic(Map<String, @Nullable Object> params, Set<UUID> targets, Violations violations) {
        Object categories = params.get("categories");
        if (!(categories instanceof List<?> list) || list.isEmpty()) {
            violations.add(PARAMETERS + ".categories", "is required: a list of {name, examples, modelIds}");
        }
        else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String path = PARAMETERS + ".categories[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> category)) {
                    violations.add(path, "must be an object with name, examples and modelIds");
                    continue;
                }
                if (!(category.get("name") instanceof String name) || name.isBlank()) {
                    violations.add(path + ".name", "is required");
                }
                else if (!names.add(name)) {
                    violations.add(path + ".name", "names a category that is already listed");
                }
                if (!(category.get("examples") instanceof List<?> examples) || examples.isEmpty()
                        || !examples.stream().allMatch(e -> e instanceof String text && !text.isBlank())) {
                    violations.add(path + ".examples", "must be a non-empty list of example utterances");
                }
                if (!(category.get("modelIds") instanceof List<?> models) || models.isEmpty()) {
                    violations.add(path + ".modelIds", "must be a non-empty list of target model ids");
                }
                else {
                    for (int j = 0; j < models.size(); j++) {
                        UUID id = uuid(models.get(j));
                        if (id == null || !targets.contains(id)) {
                            violations.add(path + ".modelIds[" + j + "]", "must be the model id of one of the route's targets");
                        }
                    }
                }
            }
        }
        Object threshold = params.get("threshold");
        if (threshold != null && !(threshold instanceof Number number && number.doubleValue() >= -1
                && number.doubleValue() <= 1)) {
            violations.add(PARAMETERS + ".threshold", "must be a similarity between -1 and 1");
        }
    }

    private static void checkTiers(Map<String, @Nullable Object> params, Set<UUID> targets, Violations violations) {
        Object tiers = params.get("tiers");
        if (!(tiers instanceof Map<?, ?> map) || map.isEmpty()) {
            violations.add(PARAMETERS + ".tiers", "is required: an object from quality tier to target model ids");
        }
        else {
            map.forEach((tier, models) -> {
                String path = PARAMETERS + ".tiers." + tier;
                if (!TIERS.contains(String.valueOf(tier))) {
                    violations.add(path, "is not a quality tier; use economy, standard or premium");
                }
                if (!(models instanceof List<?> list) || list.isEmpty()) {
                    violations.add(path, "must be a non-empty list of target model ids");
                    return;
                }
                for (int i = 0; i < list.size(); i++) {
                    UUID id = uuid(list.get(i));
                    if (id == null || !targets.contains(id)) {
                        violations.add(path + "[" + i + "]", "must be the model id of one of the route's targets");
                    }
                }
            });
        }
        Object defaultTier = params.get("defaultTier");
        if (!(defaultTier instanceof String name) || !(tiers instanceof Map<?, ?> map && map.containsKey(name))) {
            violations.add(PARAMETERS + ".defaultTier", "is required and must be one of the tiers given");
        }
    }

    private static void checkConstraints(@Nullable Object constraints, Violations violations) {
        if (constraints == null) {
            return;
        }
        String path = PARAMETERS + ".constraints";
        if (!(constraints instanceof Map<?, ?> map)) {
            violations.add(path, "must be an object");
            return;
        }
        for (Object key : map.keySet()) {
            if (!Set.of("regions", "capabilities", "privateOnly", "onSensitiveData").contains(String.valueOf(key))) {
                violations.add(path + "." + key,
                        "is not a constraint; known: regions, capabilities, privateOnly, onSensitiveData");
            }
        }
        Object regions = map.get("regions");
        if (regions != null && (!(regions instanceof List<?> list) || list.isEmpty()
                || !list.stream().allMatch(r -> r instanceof String s && REGION.matcher(s).matches()))) {
            violations.add(path + ".regions", "must be a non-empty list of region names such as eu-west");
        }
        Object capabilities = map.get("capabilities");
        if (capabilities != null && (!(capabilities instanceof List<?> list) || !CAPABILITIES.containsAll(list))) {
            violations.add(path + ".capabilities", "must be a list of " + CAPABILITIES.stream().sorted().toList());
        }
        if (map.containsKey("onSensitiveData") && !Set.of("allow", "private").contains(String.valueOf(map.get("onSensitiveData")))) {
            violations.add(path + ".onSensitiveData", "must be allow or private");
        }
        if (map.containsKey("privateOnly") && !(map.get("privateOnly") instanceof Boolean)) {
            violations.add(path + ".privateOnly", "must be true or false");
        }
    }

    /**
     * {@code mirror}: {@code modelId} (the model that gets a copy of the sampled requests) and {@code percent}
     * (above 0, at most 100: the share of requests mirrored).
     */
    private static void checkMirror(@Nullable Object mirror, Violations violations) {
        if (mirror == null) {
            return;
        }
        String path = PARAMETERS + "." + MIRROR;
        if (!(mirror instanceof Map<?, ?> map)) {
            violations.add(path, "must be an object with modelId and percent");
            return;
        }
        for (Object key : map.keySet()) {
            if (!"modelId".equals(key) && !"percent".equals(key)) {
                violations.add(path + "." + key, "is not a mirror setting; known: modelId, percent");
            }
        }
        if (uuid(map.get("modelId")) == null) {
            violations.add(path + ".modelId", "must be a model id");
        }
        Object percent = map.get("percent");
        if (!(percent instanceof Number number) || new BigDecimal(number.toString()).signum() <= 0
                || new BigDecimal(number.toString()).compareTo(BigDecimal.valueOf(100)) > 0) {
            violations.add(path + ".percent", "must be a number above 0 and at most 100");
        }
    }

    /** The mirror's model id, when the parameters mirror; for the existence check. */
    public static @Nullable UUID mirrorModel(@Nullable Map<String, @Nullable Object> parameters) {
        return parameters != null && parameters.get(MIRROR) instanceof Map<?, ?> mirror ? uuid(mirror.get("modelId"))
                : null;
    }

    private static void integer(Map<String, @Nullable Object> params, String key, int min, int max, boolean required,
            Violations violations) {
        Object value = params.get(key);
        if (value == null) {
            if (required) {
                violations.add(PARAMETERS + "." + key, "is required");
            }
            return;
        }
        if (!(value instanceof Integer number) || number < min || number > max) {
            violations.add(PARAMETERS + "." + key, "must be a whole number between " + min + " and " + max);
        }
    }

    private static void decimal(Map<String, @Nullable Object> params, String key, Violations violations) {
        Object value = params.get(key);
        if (value != null && !(value instanceof Number number && new BigDecimal(number.toString()).signum() >= 0)) {
            violations.add(PARAMETERS + "." + key, "must be a number, 0 or more");
        }
    }

    private static void oneOf(Map<String, @Nullable Object> params, String key, Set<String> allowed,
            Violations violations) {
        Object value = params.get(key);
        if (value != null && !allowed.contains(String.valueOf(value))) {
            violations.add(PARAMETERS + "." + key, "must be one of " + allowed.stream().sorted().toList());
        }
    }

    private static void subset(Map<String, @Nullable Object> params, String key, Set<String> allowed,
            Violations violations) {
        Object value = params.get(key);
        if (value != null && !(value instanceof Collection<?> list && !list.isEmpty() && allowed.containsAll(list))) {
            violations.add(PARAMETERS + "." + key, "must be a non-empty list of " + allowed.stream().sorted().toList());
        }
    }

    private static @Nullable UUID uuid(@Nullable Object value) {
        try {
            return value instanceof String text ? UUID.fromString(text) : null;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** A target as the request gave it; either part may be missing. */
    public record TargetDraft(@Nullable UUID modelId, @Nullable Integer weight) {
    }

    /** A checked target, stored in the route's {@code targets} jsonb column as {@code {"modelId", "weight"}}. */
    public record Target(UUID modelId, int weight) {
    }

    /** A checked policy; {@code parameters} is null for types without parameters or when none were given. */
    public record Policy(String type, List<Target> targets, @Nullable Map<String, @Nullable Object> parameters) {

        public Policy {
            targets = List.copyOf(targets);
        }

        public Policy(String type, List<Target> targets) {
            this(type, targets, null);
        }
    }

    /** The policy types, with how many targets each needs and the parameters it takes besides constraints. */
    public enum PolicyType {
        STATIC("static", 1, false, Set.of()),
        WEIGHTED("weighted", 1, false, Set.of()),
        FALLBACK("fallback", 2, true, Set.of("maxAttempts", "retryOn")),
        TIERED("tiered", 1, true, Set.of("tiers", "defaultTier")),
        COST_AWARE("cost-aware", 2, true, Set.of("maxCostPerMillion", "minQualityTier")),
        LATENCY_AWARE("latency-aware", 1, true, Set.of("maxQueueDepth", "maxTimeToFirstTokenMs", "toleranceMs",
                "tolerancePercent")),
        COMPLEXITY("complexity", 2, true, Set.of("tiers", "thresholds", "defaultTier", "scorer", "head")),
        SEMANTIC("semantic", 1, true, Set.of("categories", "threshold"));

        private final String wireName;

        private final int minTargets;

        private final boolean takesParameters;

        private final Set<String> parameters;

        PolicyType(String wireName, int minTargets, boolean takesParameters, Set<String> parameters) {
            this.wireName = wireName;
            this.minTargets = minTargets;
            this.takesParameters = takesParameters;
            this.parameters = parameters;
        }

        public String wireName() {
            return wireName;
        }

        static @Nullable PolicyType of(@Nullable String name) {
            for (PolicyType type : values()) {
                if (type.wireName.equals(name)) {
                    return type;
                }
            }
            return null;
        }

        static String names() {
            return String.join(", ", Arrays.stream(values()).map(PolicyType::wireName).toList());
        }
    }
}
