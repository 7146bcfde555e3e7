package io.signalbox.routing.decision;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.signalbox.contracts.catalog.ModelInfo;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.routing.catalog.Catalog;
import io.signalbox.routing.policy.RouteParameters;
import org.jspecify.annotations.Nullable;

/**
 * The filters every request passes through before any policy: a candidate that fails one is out, whatever
 * the policy would have said. Model filters: {@code status} (disabled, or deprecated and past its date),
 * {@code allow-list} (the tenant's and the team's allowed models: the alias the client named, or the model's
 * name, must be on each list that is set), {@code capability} (the request's needs plus the route's
 * {@code constraints.capabilities}),
 * {@code context-window} (estimated prompt plus {@code max_tokens} against the context window, and
 * {@code max_tokens} against the model's output limit). Target filters: {@code region} (the request's
 * {@code x-signalbox-region}, the route's {@code constraints.regions} and the tenant's allowed regions, all of
 * which must hold) and {@code sensitive-data}
 * (private endpoints only, when the route says {@code constraints.privateOnly}, or when the prompt holds
 * sensitive data and the route says {@code constraints.onSensitiveData: private}).
 */
final class HardConstraints {

    /** The filter name of tenant and team allow-lists. */
    static final String ALLOW_LIST = "allow-list";

    private final Set<String> capabilities;

    private final int neededTokens;

    private final @Nullable Integer maxTokens;

    private final @Nullable Set<String> regions;

    private final boolean privateOnly;

    private final String privateReason;

    private final LocalDate today;

    private final String requested;

    private final List<Catalog.AllowList> allowLists;

    HardConstraints(DecisionRequest request, Map<String, @Nullable Object> parameters, boolean sensitiveData,
            Instant now) {
        this(request, parameters, sensitiveData, now, List.of(), List.of());
    }

    /**
     * @param allowLists the request's tenant's and team's model allow-lists ({@link Catalog#allowLists})
     * @param tenantRegions the regions the request's tenant may run in; empty: any
     */
    HardConstraints(DecisionRequest request, Map<String, @Nullable Object> parameters, boolean sensitiveData,
            Instant now, List<Catalog.AllowList> allowLists, List<String> tenantRegions) {
        Map<String, @Nullable Object> constraints = RouteParameters.object(parameters, "constraints");
        Set<String> needed = new TreeSet<>(request.requiredCapabilities());
        needed.addAll(RouteParameters.strings(constraints, "capabilities"));
        this.capabilities = needed;
        this.maxTokens = request.maxTokens();
        this.neededTokens = Math.max(0, request.estimatedPromptTokens()) + Math.max(0, maxTokens == null ? 0 : maxTokens);
        Set<String> allowed = null;
        List<String> routeRegions = RouteParameters.strings(constraints, "regions");
        if (!routeRegions.isEmpty()) {
            allowed = new HashSet<>(routeRegions);
        }
        if (request.region() != null && !request.region().isBlank()) {
            if (allowed == null) {
                allowed = new HashSet<>(Set.of(request.region()));
            }
            else {
                allowed.retainAll(Set.of(request.region()));
            }
        }
        if (!tenantRegions.isEmpty()) {
            if (allowed == null) {
                allowed = new HashSet<>(tenantRegions);
            }
            else {
                allowed.retainAll(tenantRegions);
            }
        }
        this.regions = allowed;
        this.requested = request.model();
        this.allowLists = allowLists;
        boolean routePrivate = Boolean.TRUE.equals(constraints.get("privateOnly"));
        boolean sensitivePrivate = sensitiveData && screensSensitiveData(parameters);
        this.privateOnly = routePrivate || sensitivePrivate;
        this.privateReason = routePrivate ? "the route allows private endpoints only"
                : "the prompt contains sensitive data and the route sends it to private endpoints only";
        this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    /** Whether the route restricts prompts with sensitive data, so that the prompt must be scanned for it. */
    static boolean screensSensitiveData(Map<String, @Nullable Object> parameters) {
        return "private".equals(RouteParameters.string(RouteParameters.object(parameters, "constraints"),
                "onSensitiveData"));
    }

    /** Why the model cannot take the request, or null when it can. */
    @Nullable Rejection rejectModel(ModelInfo model) {
        if (!Catalog.isRoutable(model)) {
            return new Rejection("status", "the model is " + model.status());
        }
        if ("deprecated".equals(model.status()) && model.deprecationDate() != null
                && !today.isBefore(model.deprecationDate())) {
            return new Rejection("status", "the model was retired on " + model.deprecationDate());
        }
        for (Catalog.AllowList list : allowLists) {
            // The route alias the client named allows all of its models; otherwise the model must be listed.
            if (!list.allows(requested) && !list.allows(model.name())) {
                return new Rejection(ALLOW_LIST, "not in the " + list.scope() + "'s allowed models");
            }
        }
        if (!model.capabilities().containsAll(capabilities)) {
            Set<String> missing = new TreeSet<>(capabilities);
            missing.removeAll(model.capabilities());
            return new Rejection("capability", "lacks " + String.join(", ", missing));
        }
        if (model.contextWindow() > 0 && neededTokens > model.contextWindow()) {
            return new Rejection("context-window", "needs about " + neededTokens + " tokens, the context window is "
                    + model.contextWindow());
        }
        if (maxTokens != null && model.maxOutputTokens() != null && maxTokens > model.maxOutputTokens()) {
            return new Rejection("context-window", "max_tokens " + maxTokens + " is above the model's output limit of "
                    + model.maxOutputTokens());
        }
        return null;
    }

    /**
     * Why a place to run the model cannot take the request, or null when it can.
     *
     * @param region the endpoint's region, or for a provider the model's regions
     * @param privatePool whether it is a private (on-premises) pool; false for providers
     */
    @Nullable Rejection rejectPlace(List<String> region, boolean privatePool) {
        if (regions != null && region.stream().noneMatch(regions::contains)) {
            return new Rejection("region", (region.isEmpty() ? "has no region" : "runs in " + String.join(", ", region))
                    + "; the request may run in " + (regions.isEmpty() ? "no region" : String.join(", ", new TreeSet<>(regions))));
        }
        if (privateOnly && !privatePool) {
            return new Rejection("sensitive-data", "not a private endpoint; " + privateReason);
        }
        return null;
    }

    boolean privateOnly() {
        return privateOnly;
    }

    record Rejection(String filter, String reason) {
    }


    static List<String> regionsOf(@Nullable String region) {
        List<String> list = new ArrayList<>();
        if (region != null) {
            list.add(region);
        }
        return list;
    }
}
