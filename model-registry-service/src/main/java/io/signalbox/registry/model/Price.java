package io.signalbox.registry.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.registry.common.RegistryEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * A model's price from {@link #getEffectiveFrom()} until the next price's. Never changed once stored
 * (the table refuses updates too): a price change is a new row.
 */
@Entity
@Immutable
@Table(name = "prices")
public class Price extends RegistryEntity {

    @Column(name = "model_id", nullable = false, updatable = false)
    private UUID modelId;

    @Column(nullable = false, updatable = false)
    private String currency;

    @Column(name = "input_per_million", nullable = false, updatable = false, precision = 18, scale = 6)
    private BigDecimal inputPerMillion;

    @Column(name = "output_per_million", nullable = false, updatable = false, precision = 18, scale = 6)
    private BigDecimal outputPerMillion;

    @Column(name = "cached_input_per_million", nullable = false, updatable = false, precision = 18, scale = 6)
    private BigDecimal cachedInputPerMillion;

    @Column(name = "reasoning_per_million", updatable = false, precision = 18, scale = 6)
    private @Nullable BigDecimal reasoningPerMillion;

    @Column(name = "effective_from", nullable = false, updatable = false)
    private Instant effectiveFrom;

    /** For JPA. */
    protected Price() {
        this.modelId = new UUID(0, 0);
        this.currency = "";
        this.inputPerMillion = BigDecimal.ZERO;
        this.outputPerMillion = BigDecimal.ZERO;
        this.cachedInputPerMillion = BigDecimal.ZERO;
        this.effectiveFrom = Instant.EPOCH;
    }

    Price(UUID modelId, PriceRules.Terms terms, Instant createdAt) {
        super(createdAt);
        this.modelId = modelId;
        this.currency = terms.currency();
        this.inputPerMillion = terms.inputPerMillion();
        this.outputPerMillion = terms.outputPerMillion();
        this.cachedInputPerMillion = terms.cachedInputPerMillion();
        this.reasoningPerMillion = terms.reasoningPerMillion();
        this.effectiveFrom = terms.effectiveFrom();
    }

    public UUID getModelId() {
        return modelId;
    }

    public String getCurrency() {
        return currency;
    }

    public BigDecimal getInputPerMillion() {
        return inputPerMillion;
    }

    public BigDecimal getOutputPerMillion() {
        return outputPerMillion;
    }

    public BigDecimal getCachedInputPerMillion() {
        return cachedInputPerMillion;
    }

    /** The rate for reasoning tokens; null: they are charged as output. */
    public @Nullable BigDecimal getReasoningPerMillion() {
        return reasoningPerMillion;
    }

    public Instant getEffectiveFrom() {
        return effectiveFrom;
    }

    /** The price as the other services receive it, in the catalog and in decisions. */
    public PriceSnapshot toSnapshot() {
        return new PriceSnapshot(getId().toString(), modelId.toString(), currency, inputPerMillion, outputPerMillion,
                cachedInputPerMillion, effectiveFrom, reasoningPerMillion);
    }
}
