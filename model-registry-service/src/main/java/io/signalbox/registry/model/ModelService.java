package io.signalbox.registry.model;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.NotFoundException;
import io.signalbox.registry.provider.ProviderRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and reads models and their prices. Input has been validated by the web adapter. */
@Service
public class ModelService {

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
    public Model create(UUID providerId, String name, String upstreamModel, int contextWindow,
            List<String> capabilities, String status) {
        if (!providers.existsById(providerId)) {
            throw new NotFoundException("provider", providerId.toString());
        }
        if (models.existsByName(name)) {
            throw new AlreadyExistsException("model", "name", "A model named '" + name + "' already exists.");
        }
        if (models.isRouteAlias(name)) {
            throw new AlreadyExistsException("model", "name",
                    "'" + name + "' is a route alias; clients could not tell the model from the route.");
        }
        Model model = models.save(new Model(providerId, name, upstreamModel, contextWindow,
                List.copyOf(new LinkedHashSet<>(capabilities)), status, clock.instant()));
        changes.created("model", model.getId());
        return model;
    }

    @Transactional(readOnly = true)
    public Page<Model> list(Pageable page) {
        return models.findAll(page);
    }

    /** @throws NotFoundException when there is no such model */
    @Transactional(readOnly = true)
    public Model get(UUID id) {
        return models.findById(id).orElseThrow(() -> new NotFoundException("model", id.toString()));
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
            @Nullable Instant effectiveFrom) {
        if (!models.existsById(modelId)) {
            throw new NotFoundException("model", modelId.toString());
        }
        PriceRules.Terms terms = PriceRules.check(currency, inputPerMillion, outputPerMillion, cachedInputPerMillion,
                effectiveFrom, clock.instant());
        if (prices.existsByModelIdAndEffectiveFrom(modelId, terms.effectiveFrom())) {
            throw new AlreadyExistsException("price", "effectiveFrom", "The model already has a price effective from "
                    + terms.effectiveFrom() + "; prices are never changed in place, add one with a later time.");
        }
        Price price = prices.save(new Price(modelId, terms, clock.instant()));
        changes.created("price", price.getId());
        return price;
    }

    /** A model's prices, oldest first. */
    @Transactional(readOnly = true)
    public Page<Price> prices(UUID modelId, Pageable page) {
        get(modelId);
        return prices.findByModelId(modelId, page);
    }

    @Transactional(readOnly = true)
    public Price price(UUID modelId, UUID priceId) {
        return prices.findByIdAndModelId(priceId, modelId)
                .orElseThrow(() -> new NotFoundException("price", priceId.toString()));
    }
}
