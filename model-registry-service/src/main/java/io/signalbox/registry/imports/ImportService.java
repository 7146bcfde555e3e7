package io.signalbox.registry.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.signalbox.registry.model.Model;
import io.signalbox.registry.model.ModelService;
import io.signalbox.registry.model.ModelSpec;
import io.signalbox.registry.model.Price;
import io.signalbox.registry.pool.Pool;
import io.signalbox.registry.pool.PoolService;
import io.signalbox.registry.pool.PoolSpec;
import io.signalbox.registry.provider.Provider;
import io.signalbox.registry.provider.ProviderService;
import io.signalbox.registry.provider.ProviderSpec;
import io.signalbox.registry.route.Route;
import io.signalbox.registry.route.RoutePolicyRules;
import io.signalbox.registry.route.RouteService;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import tools.jackson.databind.JsonNode;

/**
 * Applies imports through the same services as the admin API, so every rule, event and audit entry
 * applies. A dry run performs the import in a transaction that is then rolled back: the report is
 * exactly what the real import would do, and nothing is stored or published.
 */
@Service
public class ImportService {

    private final ProviderService providers;

    private final ModelService models;

    private final PoolService pools;

    private final RouteService routes;

    ImportService(ProviderService providers, ModelService models, PoolService pools, RouteService routes) {
        this.providers = providers;
        this.models = models;
        this.pools = pools;
        this.routes = routes;
    }

    /**
     * Imports a LiteLLM proxy configuration. Each deployment becomes a model of its provider (hosted) or
     * of a pool with an endpoint per {@code api_base} (self-hosted); each public {@code model_name} that
     * is not simply the name of its one model becomes a route: {@code static} for one model,
     * {@code weighted} by LiteLLM's weights for several, {@code latency-aware} or {@code cost-aware} for
     * those routing strategies, {@code fallback} when {@code router_settings.fallbacks} names it.
     * Existing entities are matched by name and left alone; a route whose policy differs gets a new version.
     */
    @Transactional
    public ImportReport importLiteLlmConfig(@Nullable Object yaml, boolean dryRun) {
        LiteLlmConfig.Parsed parsed = LiteLlmConfig.parse(yaml);
        ImportReport.Builder report = new ImportReport.Builder();
        parsed.skipped().forEach(skipped -> report.skipped(skipped.name(), skipped.reason()));
        Map<String, List<UUID>> modelsByAlias = new LinkedHashMap<>();
        Map<String, Map<UUID, Integer>> weightsByAlias = new LinkedHashMap<>();
        parsed.groups().forEach((alias, deployments) -> {
            for (LiteLlmConfig.Deployment deployment : deployments) {
                UUID model = configModel(deployment, report);
                if (model != null) {
                    weightsByAlias.computeIfAbsent(alias, a -> new LinkedHashMap<>())
                            .merge(model, deployment.weight(), Integer::sum);
                }
            }
            modelsByAlias.put(alias, List.copyOf(weightsByAlias.getOrDefault(alias, Map.of()).keySet()));
        });
        weightsByAlias.forEach((alias, weights) -> configRoute(alias, weights, modelsByAlias, parsed, report));
        return finish(report, dryRun);
    }

    private @Nullable UUID configModel(LiteLlmConfig.Deployment deployment, ImportReport.Builder report) {
        String name = deployment.upstreamModel();
        if (models.isRouteAlias(name)) {
            report.skipped(deployment.modelName(), "model name '" + name + "' is a route alias");
            return null;
        }
        Provider provider = provider(deployment.providerName(), deployment.providerKind(), report);
        Optional<Model> existing = models.findByName(name);
        Model model;
        if (existing.isPresent()) {
            if (!existing.get().getProviderId().equals(provider.getId())) {
                report.skipped(deployment.modelName(), "model '" + name + "' belongs to another provider");
                return null;
            }
            model = existing.get();
            report.unchanged();
        }
        else {
            model = models.create(provider.getId(), new ModelSpec(name, name, deployment.contextWindow(),
                    List.of("chat"), "active", null, null, null, null, List.of()));
            report.created("model", name);
        }
        String apiBase = deployment.apiBase();
        if (apiBase != null) {
            String poolName = "litellm/" + name;
            Pool pool = pools.findByName(poolName).orElse(null);
            if (pool == null) {
                pool = pools.create(new PoolSpec(poolName, model.getId(), "default", null, List.of(), false));
                report.created("pool", poolName);
            }
            if (pools.hasEndpoint(pool.getId(), apiBase)) {
                report.unchanged();
            }
            else {
                pools.addEndpoint(pool.getId(), apiBase, null, deployment.weight(), "active", null);
                report.created("endpoint", apiBase);
            }
        }
        return model.getId();
    }

    private void configRoute(String alias, Map<UUID, Integer> weights, Map<String, List<UUID>> modelsByAlias,
            LiteLlmConfig.Parsed parsed, ImportReport.Builder report) {
        List<UUID> targets = new ArrayList<>(weights.keySet());
        if (targets.size() == 1 && models.findByName(alias).map(m -> m.getId().equals(targets.getFirst()))
                .orElse(false)) {
            return;
        }
        if (!RoutePolicyRules.ALIAS.matcher(alias).matches() || models.findByName(alias).isPresent()) {
            report.skipped(alias, "model_name cannot be a route alias (lower-case letters, digits, . _ -, "
                    + "and not a model name)");
            return;
        }
        String type;
        Map<String, @Nullable Object> parameters = null;
        List<String> fallbackAliases = parsed.fallbacks().getOrDefault(alias, List.of());
        if (!fallbackAliases.isEmpty()) {
            for (String fallback : fallbackAliases) {
                for (UUID model : modelsByAlias.getOrDefault(fallback, List.of())) {
                    if (!targets.contains(model)) {
                        targets.add(model);
                    }
                }
            }
            type = targets.size() >= 2 ? "fallback" : "static";
        }
        else if (targets.size() == 1) {
            type = "static";
        }
        else if ("latency-based-routing".equals(parsed.strategy())) {
            type = "latency-aware";
        }
        else if ("cost-based-routing".equals(parsed.strategy())) {
            type = "cost-aware";
        }
        else {
            type = "weighted";
        }
        List<RoutePolicyRules.@Nullable TargetDraft> drafts = new ArrayList<>();
        for (UUID model : targets) {
            drafts.add(new RoutePolicyRules.TargetDraft(model, weights.getOrDefault(model, 1)));
        }
        Optional<Route> existing = routes.findByAlias(alias);
        if (existing.isEmpty()) {
            routes.create(alias, type, drafts, parameters);
            report.created("route", alias);
            return;
        }
        RoutePolicyRules.Policy wanted = RoutePolicyRules.check(alias, type, drafts, parameters);
        RoutePolicyRules.Policy current = existing.get().policy();
        if (wanted.type().equals(current.type()) && wanted.targets().equals(current.targets())) {
            report.unchanged();
            return;
        }
        routes.update(existing.get().getId(), null, alias, type, drafts, parameters);
        report.updated("route", alias);
    }

    /**
     * Imports LiteLLM's price list: providers and models are created or brought up to date (context
     * window, max output tokens, capabilities; what an admin set beyond that is kept), and a model gets
     * a new price from {@code effectiveFrom} only when its current price differs.
     *
     * @param effectiveFrom when new prices take effect; null: now
     */
    @Transactional
    public ImportReport importLiteLlmPrices(JsonNode document, @Nullable Instant effectiveFrom, boolean dryRun) {
        LiteLlmPrices.Parsed parsed = LiteLlmPrices.parse(document);
        ImportReport.Builder report = new ImportReport.Builder();
        parsed.skipped().forEach(skipped -> report.skipped(skipped.name(), skipped.reason()));
        for (LiteLlmPrices.Entry entry : parsed.entries()) {
            if (models.isRouteAlias(entry.name())) {
                report.skipped(entry.name(), "a route uses the name as its alias");
                continue;
            }
            Provider provider = provider(entry.providerName(), entry.providerKind(), report);
            Optional<Model> existing = models.findByName(entry.name());
            if (existing.isPresent() && !existing.get().getProviderId().equals(provider.getId())) {
                report.skipped(entry.name(), "a model of that name belongs to another provider");
                continue;
            }
            Model model = existing.isPresent() ? updateModel(existing.get(), entry, report)
                    : createModel(provider.getId(), entry, report);
            price(model, entry, effectiveFrom, report);
        }
        return finish(report, dryRun);
    }

    Provider provider(String name, String kind, ImportReport.Builder report) {
        Optional<Provider> existing = providers.findByName(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        Provider created = providers.create(new ProviderSpec(name, kind, null, null, null, null, null), null);
        report.created("provider", name);
        return created;
    }

    private Model createModel(UUID providerId, LiteLlmPrices.Entry entry, ImportReport.Builder report) {
        Model model = models.create(providerId, new ModelSpec(entry.name(), entry.name(), entry.contextWindow(),
                entry.capabilities(), "active", null, entry.maxOutputTokens(), null, null, List.of()));
        report.created("model", entry.name());
        return model;
    }

    private Model updateModel(Model model, LiteLlmPrices.Entry entry, ImportReport.Builder report) {
        ModelSpec current = model.spec();
        boolean same = current.contextWindow() == entry.contextWindow()
                && Objects.equals(current.maxOutputTokens(), entry.maxOutputTokens())
                && new HashSet<>(current.capabilities()).equals(new HashSet<>(entry.capabilities()));
        if (same) {
            return model;
        }
        ModelSpec spec = new ModelSpec(current.name(), current.upstreamModel(), entry.contextWindow(),
                entry.capabilities(), current.status(), current.family(), entry.maxOutputTokens(),
                current.qualityTier(), current.deprecationDate(), current.regions());
        report.updated("model", entry.name());
        return models.update(model.getId(), null, spec);
    }

    private void price(Model model, LiteLlmPrices.Entry entry, @Nullable Instant effectiveFrom,
            ImportReport.Builder report) {
        Optional<Price> current = models.currentPrice(model.getId());
        if (current.isPresent() && samePrice(current.get(), entry)) {
            report.unchanged();
            return;
        }
        models.addPrice(model.getId(), "USD", entry.inputPerMillion(), entry.outputPerMillion(),
                entry.cachedInputPerMillion(), entry.reasoningPerMillion(), effectiveFrom);
        report.created("price", entry.name());
    }

    private static boolean samePrice(Price price, LiteLlmPrices.Entry entry) {
        return "USD".equals(price.getCurrency())
                && price.getInputPerMillion().compareTo(entry.inputPerMillion()) == 0
                && price.getOutputPerMillion().compareTo(entry.outputPerMillion()) == 0
                && price.getCachedInputPerMillion().compareTo(entry.cachedInputPerMillion() == null
                        ? entry.inputPerMillion() : entry.cachedInputPerMillion()) == 0
                && sameOptional(price.getReasoningPerMillion(), entry.reasoningPerMillion());
    }

    private static boolean sameOptional(@Nullable BigDecimal a, @Nullable BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    static ImportReport finish(ImportReport.Builder report, boolean dryRun) {
        if (dryRun) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        }
        return report.build(dryRun);
    }
}
