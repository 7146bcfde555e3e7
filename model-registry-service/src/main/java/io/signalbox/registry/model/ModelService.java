package io.signalbox.registry.model;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.Filters;
import io.signalbox.registry.common.InUseException;
import io.signalbox.registry.common.NotFoundException;
import io.signalbox.registry.provider.ProviderRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, reads, changes and deletes models; adds and reads their prices. Input has been validated by the web adapter. */
@Service
public class ModelService {

    private static final String ENTITY = "model";

    private final ModelRepository models;

    private final PriceRepository prices;

    private final ProviderRepository providers;

    private final RegistryChanges changes;

    private final Clock clock;

    ModelService(ModelRepository models, PriceRepository prices, ProviderRepository providers,
            RegistryChanges changes, Clock clock) {
        this.models = models;
        this.prices = prices;
        this.providers = providers;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * @throws NotFoundException when the provider does not exist
     * @throws AlreadyExistsException when a model or a route already uses the name
     */
    @Transactional
    public Model create(UUID providerId, ModelSpec spec) {
        changes.takeTurn();
        if (!providers.existsById(providerId)) {
            throw new NotFoundException("provider", providerId.toString());
        }
        spec.checked();
        requireFreeName(spec.name(), null);
        Model model = models.save(new Model(providerId, spec, clock.instant()));
        changes.created(ENTITY, model.getId(), model.auditState());
        return model;
    }

    /**
     * Changes everything but the provider (a model of another provider is another model).
     *
     * @param expectedRevision the revision the change was made against, or null for any
     * @throws io.signalbox.registry.common.StaleRevisionException when the model changed since
     * @throws AlreadyExistsException when another model or a route uses the name
     */
    @Transactional
    public Model update(UUID id, @Nullable Long expectedRevision, ModelSpec spec) {
        changes.takeTurn();
        Model model = get(id);
        if (expectedRevision != null) {
            model.requireRevision(ENTITY, expectedRevision);
        }
        spec.checked();
        requireFreeName(spec.name(), id);
        Model.AuditState before = model.auditState();
        model.update(spec, clock.instant());
        changes.updated(ENTITY, id, before, model.auditState());
        models.flush();
        return model;
    }

    /**
     * Deletes a model nothing refers to. A model with prices is never deleted, because its price history
     * is what past requests were charged with; set its status to {@code disabled} instead.
     *
     * @throws InUseException when a route targets the model, a pool serves it, it has prices, or a tenant's price
     *     adjustment names it
     */
    @Transactional
    public void delete(UUID id, @Nullable Long expectedRevision) {
        Model model = get(id);
        if (expectedRevision != null) {
            model.requireRevision(ENTITY, expectedRevision);
        }
        if (models.isRouteTarget(id)) {
            throw new InUseException(ENTITY, id.toString(), "route",
                    "Model '" + model.getName() + "' is a target of a route; change the route first.");
        }
        if (models.isServedByPool(id)) {
            throw new InUseException(ENTITY, id.toString(), "pool",
                    "Model '" + model.getName() + "' is served by a pool; delete the pool first.");
        }
        if (models.hasPriceAdjustments(id)) {
            throw new InUseException(ENTITY, id.toString(), "price-adjustment", "Model '" + model.getName()
                    + "' is named by a tenant's price adjustment; delete or change the adjustment first.");
        }
        if (prices.existsByModelId(id)) {
            throw new InUseException(ENTITY, id.toString(), "price", "Model '" + model.getName()
                    + "' has a price history, which past usage was charged with; set its status to disabled instead.");
        }
        models.delete(model);
        changes.deleted(ENTITY, id, model.auditState());
    }

    /** Filters: provider, status, capability and part of the name; each optional. */
    @Transactional(readOnly = true)
    public Page<Model> list(@Nullable UUID providerId, @Nullable String status, @Nullable String capability,
            @Nullable String q, Pageable page) {
        return models.findAll(new Filters<Model>().equal("providerId", providerId).equal("status", status)
                .has("capabilities", capability).contains("name", q).toSpecification(), page);
    }

    /** The model with this client-visible name, if any. */
    @Transactional(readOnly = true)
    public Optional<Model> findByName(String name) {
        return models.findByName(name);
    }

    /** Whether a route uses the name as its alias (so no model may take it). */
    @Transactional(readOnly = true)
    public boolean isRouteAlias(String name) {
        return models.isRouteAlias(name);
    }

    /** The price in effect now, if the model has one. */
    @Transactional(readOnly = true)
    public Optional<Price> currentPrice(UUID modelId) {
        return prices.findFirstByModelIdAndEffectiveFromLessThanEqualOrderByEffectiveFromDesc(modelId, clock.instant());
    }

    /** @throws NotFoundException when there is no such model */
    @Transactional(readOnly = true)
    public Model get(UUID id) {
        return models.findById(id).orElseThrow(() -> new NotFoundException(ENTITY, id.toString()));
    }

    /**
     * Adds a price to a model's price history.
     *
     * @throws NotFoundException when the model does not exist
     * @throws io.signalbox.registry.common.ValidationFailedException when the price breaks a {@link PriceRules} rule
     * @throws AlreadyExistsException when the model already has a price taking effect at the same instant
     */
    @Transactional
    public Price addPrice(UUID modelId, @Nullable String currency, @Nullable BigDecimal inputPerMillion,
            @Nullable BigDecimal outputPerMillion, @Nullable BigDecimal cachedInputPerMillion,
            @Nullable BigDecimal reasoningPerMillion, @Nullable Instant effectiveFrom) {
        if (!models.existsById(modelId)) {
            throw new NotFoundException("model", modelId.toString());
        }
        PriceRules.Terms terms = PriceRules.check(currency, inputPerMillion, outputPerMillion, cachedInputPerMillion,
                reasoningPerMillion, effectiveFrom, clock.instant());
        if (prices.existsByModelIdAndEffectiveFrom(modelId, terms.effectiveFrom())) {
            throw new AlreadyExistsException("price", "effectiveFrom", "The model already has a price effective from "
                    + terms.effectiveFrom() + "; prices are never changed in place, add one with a later time.");
        }
        Price price = prices.save(new Price(modelId, terms, clock.instant()));
        changes.created("price", price.getId(), price.toSnapshot());
        return price;
    }

    private void requireFreeName(String name, @Nullable UUID self) {
        if (self == null ? models.existsByName(name) : models.existsByNameAndIdNot(name, self)) {
            throw new AlreadyExistsException(ENTITY, "name", "A model named '" + name + "' already exists.");
        }
        if (models.isRouteAlias(name)) {
            throw new AlreadyExistsException(ENTITY, "name",
                    "'" + name + "' is a route alias; clients could not tell the model from the route.");
        }
    }

    /** A model's prices, oldest first. */
    @Transactional(readOnly = true)
    public Page<Price> prices(UUID modelId, Pageable page) {
        get(modelId);
        return prices.findByModelId(modelId, page);
    }

    /**
     * The price in effect at an instant.
     *
     * @throws NotFoundException when the model does not exist or had no price yet at that instant
     */
    @Transactional(readOnly = true)
    public Price priceAt(UUID modelId, Instant instant) {
        get(modelId);
        return prices.findFirstByModelIdAndEffectiveFromLessThanEqualOrderByEffectiveFromDesc(modelId, instant)
                .orElseThrow(() -> new NotFoundException("price", "at " + instant));
    }

    @Transactional(readOnly = true)
    public Price price(UUID modelId, UUID priceId) {
        return prices.findByIdAndModelId(priceId, modelId)
                .orElseThrow(() -> new NotFoundException("price", priceId.toString()));
    }
}
