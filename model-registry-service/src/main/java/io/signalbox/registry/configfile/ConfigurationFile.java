package io.signalbox.registry.configfile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import io.signalbox.contracts.catalog.PickerSettings;
import io.signalbox.contracts.catalog.ProviderResilience;
import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.imports.ImportReport;
import io.signalbox.registry.model.Model;
import io.signalbox.registry.model.ModelRepository;
import io.signalbox.registry.model.ModelService;
import io.signalbox.registry.model.ModelSpec;
import io.signalbox.registry.model.ModelVocabulary;
import io.signalbox.registry.model.Price;
import io.signalbox.registry.model.PriceRepository;
import io.signalbox.registry.pool.Endpoint;
import io.signalbox.registry.pool.EndpointRepository;
import io.signalbox.registry.pool.Pool;
import io.signalbox.registry.pool.PoolRepository;
import io.signalbox.registry.pool.PoolService;
import io.signalbox.registry.pool.PoolSpec;
import io.signalbox.registry.pool.PoolVocabulary;
import io.signalbox.registry.provider.Provider;
import io.signalbox.registry.provider.ProviderRepository;
import io.signalbox.registry.provider.ProviderService;
import io.signalbox.registry.provider.ProviderSpec;
import io.signalbox.registry.provider.ProviderVocabulary;
import io.signalbox.registry.route.Route;
import io.signalbox.registry.route.RoutePolicyRules;
import io.signalbox.registry.route.RouteRepository;
import io.signalbox.registry.route.RouteService;
import io.signalbox.registry.tenant.Access;
import io.signalbox.registry.tenant.PriceAdjustmentRules;
import io.signalbox.registry.tenant.PriceAdjustmentService;
import io.signalbox.registry.tenant.Team;
import io.signalbox.registry.tenant.TeamRepository;
import io.signalbox.registry.tenant.Tenant;
import io.signalbox.registry.tenant.TenantPriceAdjustment;
import io.signalbox.registry.tenant.TenantPriceAdjustmentRepository;
import io.signalbox.registry.tenant.TenantRepository;
import io.signalbox.registry.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Exports the configuration as a tree of plain values (maps, lists, strings, numbers, booleans) ready
 * for YAML, and imports such a tree. References are names, never ids: a route targets models by name,
 * a pool serves a model by name, a tiered policy maps tiers to model names. Money and times are strings
 * (exact decimals, ISO-8601), so no YAML reader turns them into floating point.
 *
 * <p>Import is an upsert: what exists (by name) is brought to the document's state, what is missing is
 * created, nothing is deleted, and prices are only ever added (append-only history). A tenant's price
 * adjustment has no name; it is the same adjustment when its scope (provider, model or neither, by name) and
 * its start are. Everything runs in one transaction, so a document with an error changes nothing.
 */
@Service
public class ConfigurationFile {

    static final String API_VERSION = "signalbox.io/v1";

    static final String KIND = "RegistryConfiguration";

    private static final Sort ORDER = Sort.by("createdAt", "id");

    private final ProviderRepository providerRows;

    private final ModelRepository modelRows;

    private final PriceRepository priceRows;

    private final PoolRepository poolRows;

    private final EndpointRepository endpointRows;

    private final RouteRepository routeRows;

    private final TenantRepository tenantRows;

    private final TeamRepository teamRows;

    private final TenantPriceAdjustmentRepository adjustmentRows;

    private final ProviderService providers;

    private final ModelService models;

    private final PoolService pools;

    private final RouteService routes;

    private final TenantService tenants;

    private final PriceAdjustmentService adjustments;

    ConfigurationFile(ProviderRepository providerRows, ModelRepository modelRows, PriceRepository priceRows,
            PoolRepository poolRows, EndpointRepository endpointRows, RouteRepository routeRows,
            TenantRepository tenantRows, TeamRepository teamRows, TenantPriceAdjustmentRepository adjustmentRows,
            ProviderService providers, ModelService models, PoolService pools, RouteService routes,
            TenantService tenants, PriceAdjustmentService adjustments) {
        this.providerRows = providerRows;
        this.modelRows = modelRows;
        this.priceRows = priceRows;
        this.poolRows = poolRows;
        this.endpointRows = endpointRows;
        this.routeRows = routeRows;
        this.tenantRows = tenantRows;
        this.teamRows = teamRows;
        this.adjustmentRows = adjustmentRows;
        this.providers = providers;
        this.models = models;
        this.pools = pools;
        this.routes = routes;
        this.tenants = tenants;
        this.adjustments = adjustments;
    }

    /** The whole configuration, read in one repeatable-read transaction (one consistent state). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Map<String, Object> export() {
        Map<UUID, String> providerNames = new LinkedHashMap<>();
        List<Object> providerList = new ArrayList<>();
        for (Provider provider : providerRows.findAll(ORDER)) {
            providerNames.put(provider.getId(), provider.getName());
            ProviderSpec spec = provider.spec();
            Map<String, Object> out = map();
            out.put("name", spec.name());
            out.put("kind", spec.kind());
            putIfSet(out, "baseUrl", spec.baseUrl());
            putIfSet(out, "connectTimeoutMs", spec.connectTimeoutMs());
            putIfSet(out, "requestTimeoutMs", spec.requestTimeoutMs());
            putIfSet(out, "requestsPerMinute", spec.requestsPerMinute());
            putIfSet(out, "tokensPerMinute", spec.tokensPerMinute());
            ProviderResilience resilience = spec.resilience();
            if (resilience != null) {
                out.put("resilience", ProviderVocabulary.resilienceToMap(resilience));
            }
            providerList.add(out);
        }
        Map<UUID, List<Object>> pricesByModel = new LinkedHashMap<>();
        for (Price price : priceRows.findAll(Sort.by("effectiveFrom", "id"))) {
            Map<String, Object> out = map();
            out.put("currency", price.getCurrency());
            out.put("inputPerMillion", price.getInputPerMillion().toPlainString());
            out.put("outputPerMillion", price.getOutputPerMillion().toPlainString());
            out.put("cachedInputPerMillion", price.getCachedInputPerMillion().toPlainString());
            if (price.getReasoningPerMillion() != null) {
                out.put("reasoningPerMillion", price.getReasoningPerMillion().toPlainString());
            }
            out.put("effectiveFrom", price.getEffectiveFrom().toString());
            pricesByModel.computeIfAbsent(price.getModelId(), id -> new ArrayList<>()).add(out);
        }
        Map<UUID, String> modelNames = new LinkedHashMap<>();
        List<Object> modelList = new ArrayList<>();
        for (Model model : modelRows.findAll(ORDER)) {
            modelNames.put(model.getId(), model.getName());
            ModelSpec spec = model.spec();
            Map<String, Object> out = map();
            out.put("name", spec.name());
            out.put("provider", providerNames.get(model.getProviderId()));
            out.put("upstreamModel", spec.upstreamModel());
            out.put("contextWindow", spec.contextWindow());
            out.put("capabilities", spec.capabilities());
            out.put("status", spec.status());
            putIfSet(out, "family", spec.family());
            putIfSet(out, "maxOutputTokens", spec.maxOutputTokens());
            putIfSet(out, "qualityTier", spec.qualityTier());
            putIfSet(out, "deprecationDate", spec.deprecationDate() == null ? null : spec.deprecationDate().toString());
            out.put("regions", spec.regions());
            out.put("prices", pricesByModel.getOrDefault(model.getId(), List.of()));
            modelList.add(out);
        }
        Map<UUID, List<Object>> endpointsByPool = new LinkedHashMap<>();
        for (Endpoint endpoint : endpointRows.findAll(ORDER)) {
            Map<String, Object> out = map();
            out.put("baseUrl", endpoint.getBaseUrl());
            out.put("region", endpoint.getRegion());
            out.put("weight", endpoint.getWeight());
            out.put("state", endpoint.getState());
            putIfSet(out, "metricsUrl", endpoint.getMetricsUrl());
            endpointsByPool.computeIfAbsent(endpoint.getPoolId(), id -> new ArrayList<>()).add(out);
        }
        List<Object> poolList = new ArrayList<>();
        for (Pool pool : poolRows.findAll(ORDER)) {
            PoolSpec spec = pool.spec();
            Map<String, Object> out = map();
            out.put("name", spec.name());
            out.put("model", modelNames.get(spec.modelId()));
            out.put("region", spec.region());
            putIfSet(out, "hardwareProfile", spec.hardwareProfile());
            out.put("loraAdapters", spec.loraAdapters());
            out.put("privatePool", spec.privatePool());
            PickerSettings picker = spec.picker();
            if (picker != null) {
                out.put("picker", PoolVocabulary.pickerToMap(picker));
            }
            out.put("endpoints", endpointsByPool.getOrDefault(pool.getId(), List.of()));
            poolList.add(out);
        }
        List<Object> routeList = new ArrayList<>();
        for (Route route : routeRows.findAll(ORDER)) {
            RoutePolicyRules.Policy policy = route.policy();
            Map<String, Object> targets = map();
            List<Object> targetList = new ArrayList<>();
            for (RoutePolicyRules.Target target : policy.targets()) {
                Map<String, Object> out = map();
                out.put("model", modelNames.get(target.modelId()));
                out.put("weight", target.weight());
                targetList.add(out);
            }
            targets.put("type", policy.type());
            targets.put("targets", targetList);
            if (policy.parameters() != null) {
                targets.put("parameters", translateModels(policy.parameters(), id -> modelNames.get(UUID.fromString(id))));
            }
            Map<String, Object> out = map();
            out.put("alias", route.getAlias());
            out.put("policy", targets);
            routeList.add(out);
        }
        Map<UUID, List<Object>> adjustmentsByTenant = new LinkedHashMap<>();
        for (TenantPriceAdjustment adjustment : adjustmentRows.findAll(Sort.by("effectiveFrom", "id"))) {
            Map<String, Object> out = map();
            putIfSet(out, "provider", adjustment.getProviderId() == null ? null
                    : providerNames.get(adjustment.getProviderId()));
            putIfSet(out, "model", adjustment.getModelId() == null ? null : modelNames.get(adjustment.getModelId()));
            out.put("percent", adjustment.getPercent().toPlainString());
            out.put("effectiveFrom", adjustment.getEffectiveFrom().toString());
            putIfSet(out, "effectiveTo", adjustment.getEffectiveTo() == null ? null
                    : adjustment.getEffectiveTo().toString());
            putIfSet(out, "note", adjustment.getNote());
            adjustmentsByTenant.computeIfAbsent(adjustment.getTenantId(), id -> new ArrayList<>()).add(out);
        }
        List<Object> tenantList = new ArrayList<>();
        for (Tenant tenant : tenantRows.findAll(ORDER)) {
            List<Object> teams = new ArrayList<>();
            for (Team team : teamRows.findAll(ORDER)) {
                if (team.getTenantId().equals(tenant.getId())) {
                    Map<String, Object> out = map();
                    out.put("name", team.getName());
                    putIfSet(out, "requestsPerMinute", team.getLimits().requestsPerMinute());
                    putIfSet(out, "tokensPerMinute", team.getLimits().tokensPerMinute());
                    if (!team.getAllowedModels().isEmpty()) {
                        out.put("allowedModels", team.getAllowedModels());
                    }
                    teams.add(out);
                }
            }
            Map<String, Object> out = map();
            out.put("name", tenant.getName());
            if (!tenant.getAccess().models().isEmpty()) {
                out.put("allowedModels", tenant.getAccess().models());
            }
            if (!tenant.getAccess().regions().isEmpty()) {
                out.put("allowedRegions", tenant.getAccess().regions());
            }
            out.put("teams", teams);
            List<Object> tenantAdjustments = adjustmentsByTenant.getOrDefault(tenant.getId(), List.of());
            if (!tenantAdjustments.isEmpty()) {
                out.put("priceAdjustments", tenantAdjustments);
            }
            tenantList.add(out);
        }
        Map<String, Object> document = map();
        document.put("apiVersion", API_VERSION);
        document.put("kind", KIND);
        document.put("providers", providerList);
        document.put("models", modelList);
        document.put("pools", poolList);
        document.put("routes", routeList);
        document.put("tenants", tenantList);
        return document;
    }

    /**
     * Applies a document: creates what is missing, updates what differs, never deletes.
     *
     * @throws ValidationFailedException naming the first entry that cannot be applied (nothing is changed)
     */
    @Transactional
    public ImportReport apply(Map<?, ?> document, boolean dryRun) {
        if (!API_VERSION.equals(document.get("apiVersion")) || !KIND.equals(document.get("kind"))) {
            throw ValidationFailedException.of("apiVersion", "must be " + API_VERSION + " with kind " + KIND);
        }
        Tally report = new Tally();
        for (Map<?, ?> entry : list(document, "providers")) {
            applyProvider(entry, report);
        }
        for (Map<?, ?> entry : list(document, "models")) {
            applyModel(entry, report);
        }
        for (Map<?, ?> entry : list(document, "pools")) {
            applyPool(entry, report);
        }
        for (Map<?, ?> entry : list(document, "routes")) {
            applyRoute(entry, report);
        }
        for (Map<?, ?> entry : list(document, "tenants")) {
            applyTenant(entry, report);
        }
        if (dryRun) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        }
        return report.build(dryRun);
    }

    private void applyProvider(Map<?, ?> entry, Tally report) {
        String name = text(entry, "name");
        ProviderResilience resilience = null;
        Object settings = entry.get("resilience");
        if (settings != null) {
            if (!(settings instanceof Map<?, ?> map)) {
                throw invalid("providers", name, "resilience must be an object");
            }
            try {
                resilience = ProviderVocabulary.resilienceFromMap(map);
            }
            catch (IllegalArgumentException notAWholeNumber) {
                throw invalid("providers", name, "resilience: " + notAWholeNumber.getMessage());
            }
            String problem = ProviderVocabulary.resilienceProblem(resilience);
            if (problem != null) {
                throw invalid("providers", name, "resilience: " + problem);
            }
        }
        ProviderSpec spec = new ProviderSpec(name, text(entry, "kind"), optionalText(entry, "baseUrl"),
                integer(entry, "connectTimeoutMs"), integer(entry, "requestTimeoutMs"),
                integer(entry, "requestsPerMinute"), integer(entry, "tokensPerMinute"), resilience);
        Optional<Provider> existing = providers.findByName(spec.name());
        if (existing.isEmpty()) {
            providers.create(spec, null);
            report.created("provider", spec.name());
        }
        else if (existing.get().spec().equals(spec)) {
            report.unchanged();
        }
        else {
            providers.update(existing.get().getId(), null, spec, null);
            report.updated("provider", spec.name());
        }
    }

    private void applyModel(Map<?, ?> entry, Tally report) {
        String name = text(entry, "name");
        Provider provider = providers.findByName(text(entry, "provider"))
                .orElseThrow(() -> invalid("models", name, "names an unknown provider"));
        String deprecation = optionalText(entry, "deprecationDate");
        Integer contextWindow = integer(entry, "contextWindow");
        if (contextWindow == null) {
            throw invalid("models", name, "needs contextWindow");
        }
        ModelSpec spec = new ModelSpec(name, text(entry, "upstreamModel"), contextWindow,
                strings(entry, "capabilities"), text(entry, "status"),
                optionalText(entry, "family"), integer(entry, "maxOutputTokens"), optionalText(entry, "qualityTier"),
                deprecation == null ? null : LocalDate.parse(deprecation), strings(entry, "regions"));
        Optional<Model> existing = models.findByName(name);
        Model model;
        if (existing.isEmpty()) {
            model = models.create(provider.getId(), spec);
            report.created("model", name);
        }
        else if (!existing.get().getProviderId().equals(provider.getId())) {
            throw invalid("models", name, "exists with another provider; a model keeps its provider");
        }
        else if (existing.get().spec().equals(spec)) {
            model = existing.get();
            report.unchanged();
        }
        else {
            model = models.update(existing.get().getId(), null, spec);
            report.updated("model", name);
        }
        for (Map<?, ?> price : list(entry, "prices")) {
            Instant effectiveFrom = Instant.parse(text(price, "effectiveFrom"));
            if (priceRows.existsByModelIdAndEffectiveFrom(model.getId(), effectiveFrom)) {
                report.unchanged();
                continue;
            }
            models.addPrice(model.getId(), text(price, "currency"), decimal(price, "inputPerMillion"),
                    decimal(price, "outputPerMillion"), decimal(price, "cachedInputPerMillion"),
                    decimal(price, "reasoningPerMillion"), effectiveFrom);
            report.created("price", name + "@" + effectiveFrom);
        }
    }

    private void applyPool(Map<?, ?> entry, Tally report) {
        String name = text(entry, "name");
        Model model = models.findByName(text(entry, "model"))
                .orElseThrow(() -> invalid("pools", name, "names an unknown model"));
        Object privatePool = entry.get("privatePool");
        PickerSettings picker = null;
        if (entry.get("picker") instanceof Map<?, ?> settings) {
            try {
                picker = PoolVocabulary.pickerFromMap(settings);
            }
            catch (IllegalArgumentException notANumber) {
                throw invalid("pools", name, "picker: " + notANumber.getMessage());
            }
            String problem = PoolVocabulary.pickerProblem(picker);
            if (problem != null) {
                throw invalid("pools", name, "picker: " + problem);
            }
        }
        PoolSpec spec = new PoolSpec(name, model.getId(), text(entry, "region"), optionalText(entry, "hardwareProfile"),
                strings(entry, "loraAdapters"), Boolean.TRUE.equals(privatePool), picker);
        Optional<Pool> existing = pools.findByName(name);
        Pool pool;
        if (existing.isEmpty()) {
            pool = pools.create(spec);
            report.created("pool", name);
        }
        else if (existing.get().spec().equals(spec)) {
            pool = existing.get();
            report.unchanged();
        }
        else {
            pool = pools.update(existing.get().getId(), null, spec);
            report.updated("pool", name);
        }
        List<Endpoint> current = endpointRows.findByPoolId(pool.getId(), ORDER);
        for (Map<?, ?> endpoint : list(entry, "endpoints")) {
            String baseUrl = text(endpoint, "baseUrl");
            String region = optionalText(endpoint, "region");
            int weight = Objects.requireNonNullElse(integer(endpoint, "weight"), 1);
            String state = Objects.requireNonNullElse(optionalText(endpoint, "state"), "active");
            String metricsUrl = optionalText(endpoint, "metricsUrl");
            Optional<Endpoint> match = current.stream().filter(e -> e.getBaseUrl().equals(baseUrl)).findFirst();
            if (match.isEmpty()) {
                pools.addEndpoint(pool.getId(), baseUrl, region, weight, state, metricsUrl);
                report.created("endpoint", name + " " + baseUrl);
            }
            else if (Objects.equals(match.get().getRegion(), region == null ? pool.getRegion() : region)
                    && match.get().getWeight() == weight && match.get().getState().equals(state)
                    && Objects.equals(match.get().getMetricsUrl(), metricsUrl)) {
                report.unchanged();
            }
            else {
                pools.updateEndpoint(pool.getId(), match.get().getId(), null, baseUrl, region, weight, state,
                        metricsUrl);
                report.updated("endpoint", name + " " + baseUrl);
            }
        }
    }

    private void applyRoute(Map<?, ?> entry, Tally report) {
        String alias = text(entry, "alias");
        Map<?, ?> policy = entry.get("policy") instanceof Map<?, ?> map ? map : Map.of();
        List<RoutePolicyRules.@Nullable TargetDraft> drafts = new ArrayList<>();
        for (Map<?, ?> target : list(policy, "targets")) {
            String modelName = text(target, "model");
            Model model = models.findByName(modelName)
                    .orElseThrow(() -> invalid("routes", alias, "targets the unknown model '" + modelName + "'"));
            drafts.add(new RoutePolicyRules.TargetDraft(model.getId(), integer(target, "weight")));
        }
        Map<String, @Nullable Object> parameters = null;
        if (policy.get("parameters") instanceof Map<?, ?> given) {
            Map<String, @Nullable Object> copy = new LinkedHashMap<>();
            given.forEach((key, value) -> copy.put(String.valueOf(key), value));
            parameters = translateModels(copy, name -> models.findByName(name).map(m -> m.getId().toString())
                    .orElseThrow(() -> invalid("routes", alias, "names the unknown model '" + name + "'")));
        }
        String type = text(policy, "type");
        Optional<Route> existing = routes.findByAlias(alias);
        if (existing.isEmpty()) {
            routes.create(alias, type, drafts, parameters);
            report.created("route", alias);
            return;
        }
        RoutePolicyRules.Policy wanted = RoutePolicyRules.check(alias, type, drafts, parameters);
        RoutePolicyRules.Policy current = existing.get().policy();
        if (wanted.type().equals(current.type()) && wanted.targets().equals(current.targets())
                && Objects.equals(wanted.parameters(), current.parameters())) {
            report.unchanged();
            return;
        }
        routes.update(existing.get().getId(), null, alias, type, drafts, parameters);
        report.updated("route", alias);
    }

    private void applyTenant(Map<?, ?> entry, Tally report) {
        String name = text(entry, "name");
        Access access = new Access(allowList(entry, "allowedModels", ModelVocabulary.NAME_PATTERN, "tenants", name),
                allowList(entry, "allowedRegions", PoolVocabulary.REGION_PATTERN, "tenants", name));
        Tenant tenant = tenantRows.findByName(name).orElse(null);
        if (tenant == null) {
            tenant = tenants.create(name, access);
            report.created("tenant", name);
        }
        else if (tenant.getAccess().equals(access)) {
            report.unchanged();
        }
        else {
            tenant = tenants.update(tenant.getId(), null, name, access);
            report.updated("tenant", name);
        }
        for (Map<?, ?> teamEntry : list(entry, "teams")) {
            String teamName = text(teamEntry, "name");
            RateLimits limits = new RateLimits(integer(teamEntry, "requestsPerMinute"),
                    integer(teamEntry, "tokensPerMinute"));
            List<String> allowedModels = List.copyOf(new TreeSet<>(allowList(teamEntry, "allowedModels",
                    ModelVocabulary.NAME_PATTERN, "teams", name + "/" + teamName)));
            Optional<Team> team = teamRows.findByTenantIdAndName(tenant.getId(), teamName);
            if (team.isEmpty()) {
                tenants.createTeam(tenant.getId(), teamName, limits, allowedModels);
                report.created("team", name + "/" + teamName);
            }
            else if (team.get().getLimits().equals(limits) && team.get().getAllowedModels().equals(allowedModels)) {
                report.unchanged();
            }
            else {
                tenants.updateTeam(team.get().getId(), null, teamName, limits, allowedModels);
                report.updated("team", name + "/" + teamName);
            }
        }
        for (Map<?, ?> adjustmentEntry : list(entry, "priceAdjustments")) {
            applyPriceAdjustment(tenant, adjustmentEntry, report);
        }
    }

    /** Providers and models are named; the adjustment is the tenant's one of that scope and start, if any. */
    private void applyPriceAdjustment(Tenant tenant, Map<?, ?> entry, Tally report) {
        String providerName = optionalText(entry, "provider");
        String modelName = optionalText(entry, "model");
        String label = tenant.getName() + "/" + (modelName != null ? modelName
                : providerName != null ? providerName : "*") + "@" + optionalText(entry, "effectiveFrom");
        UUID providerId = providerName == null ? null : providers.findByName(providerName)
                .orElseThrow(() -> invalid("priceAdjustments", label, "names the unknown provider '" + providerName
                        + "'")).getId();
        UUID modelId = modelName == null ? null : models.findByName(modelName)
                .orElseThrow(() -> invalid("priceAdjustments", label, "names the unknown model '" + modelName + "'"))
                .getId();
        PriceAdjustmentRules.Terms wanted;
        try {
            wanted = PriceAdjustmentRules.check(providerId, modelId, decimal(entry, "percent"),
                    Instant.parse(text(entry, "effectiveFrom")), instant(entry, "effectiveTo"),
                    optionalText(entry, "note"), Instant.EPOCH);
        }
        catch (ValidationFailedException broken) {
            throw invalid("priceAdjustments", label, broken.violations().getFirst().field() + " "
                    + broken.violations().getFirst().message());
        }
        catch (NumberFormatException | DateTimeParseException unreadable) {
            throw invalid("priceAdjustments", label, "percent must be a decimal and times ISO-8601 instants");
        }
        TenantPriceAdjustment existing = adjustments.all(tenant.getId()).stream()
                .filter(adjustment -> Objects.equals(adjustment.getProviderId(), wanted.providerId())
                        && Objects.equals(adjustment.getModelId(), wanted.modelId())
                        && adjustment.getEffectiveFrom().equals(wanted.effectiveFrom()))
                .findFirst().orElse(null);
        if (existing == null) {
            adjustments.create(tenant.getId(), wanted.providerId(), wanted.modelId(), wanted.percent(),
                    wanted.effectiveFrom(), wanted.effectiveTo(), wanted.note());
            report.created("price-adjustment", label);
        }
        else if (existing.terms().equals(wanted)) {
            report.unchanged();
        }
        else {
            adjustments.update(tenant.getId(), existing.getId(), null, wanted.providerId(), wanted.modelId(),
                    wanted.percent(), wanted.effectiveFrom(), wanted.effectiveTo(), wanted.note());
            report.updated("price-adjustment", label);
        }
    }

    /**
     * Policies name models in {@code tiers} and {@code mirror.modelId}; the document uses names, the registry
     * ids.
     */
    private static Map<String, @Nullable Object> translateModels(Map<String, @Nullable Object> parameters,
            Function<String, @Nullable String> translate) {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(parameters);
        if (parameters.get("tiers") instanceof Map<?, ?> tiers) {
            Map<String, Object> translated = new LinkedHashMap<>();
            tiers.forEach((tier, models) -> translated.put(String.valueOf(tier), models instanceof List<?> list
                    ? list.stream().map(value -> String.valueOf(translate.apply(String.valueOf(value)))).toList()
                    : models));
            copy.put("tiers", translated);
        }
        if (parameters.get("mirror") instanceof Map<?, ?> mirror && mirror.get("modelId") != null) {
            Map<String, @Nullable Object> translated = new LinkedHashMap<>();
            mirror.forEach((key, value) -> translated.put(String.valueOf(key), value));
            translated.put("modelId", translate.apply(String.valueOf(mirror.get("modelId"))));
            copy.put("mirror", translated);
        }
        return copy;
    }

    private static ValidationFailedException invalid(String section, String name, String message) {
        return ValidationFailedException.of(section + "[" + name + "]", message);
    }

    private static List<Map<?, ?>> list(Map<?, ?> parent, String key) {
        List<Map<?, ?>> result = new ArrayList<>();
        if (parent.get(key) instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> map) {
                    result.add(map);
                }
            }
        }
        return result;
    }

    private static String text(Map<?, ?> entry, String key) {
        String value = optionalText(entry, key);
        if (value == null) {
            throw ValidationFailedException.of(key, "is required in " + entry);
        }
        return value;
    }

    private static @Nullable String optionalText(Map<?, ?> entry, String key) {
        Object value = entry.get(key);
        return value == null ? null : value.toString();
    }

    private static @Nullable Integer integer(Map<?, ?> entry, String key) {
        return entry.get(key) instanceof Number number ? number.intValue() : null;
    }

    private static @Nullable Instant instant(Map<?, ?> entry, String key) {
        String value = optionalText(entry, key);
        return value == null ? null : Instant.parse(value);
    }

    private static @Nullable BigDecimal decimal(Map<?, ?> entry, String key) {
        Object value = entry.get(key);
        return value == null ? null : new BigDecimal(value.toString());
    }

    /**
     * An allow-list as the API would accept it: absent means unrestricted, anything else must be a list of names
     * matching {@code pattern}. A mistyped list must not silently lift a restriction.
     */
    private static List<String> allowList(Map<?, ?> entry, String key, String pattern, String section, String name) {
        Object value = entry.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(section, name, key + " must be a list, was '" + value + "'");
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text) || !text.matches(pattern)) {
                throw invalid(section, name, key + " has an invalid entry '" + item + "'");
            }
            names.add(text);
        }
        return names;
    }

    private static List<String> strings(Map<?, ?> entry, String key) {
        return entry.get(key) instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static Map<String, Object> map() {
        return new LinkedHashMap<>();
    }

    private static void putIfSet(Map<String, Object> out, String key, @Nullable Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    /** The import report under construction. */
    private static final class Tally {

        private final List<ImportReport.Change> created = new ArrayList<>();

        private final List<ImportReport.Change> updated = new ArrayList<>();

        private int unchanged;

        void created(String entity, String name) {
            created.add(new ImportReport.Change(entity, name));
        }

        void updated(String entity, String name) {
            updated.add(new ImportReport.Change(entity, name));
        }

        void unchanged() {
            unchanged++;
        }

        ImportReport build(boolean dryRun) {
            return new ImportReport(dryRun, created, updated, unchanged, List.of());
        }
    }
}
