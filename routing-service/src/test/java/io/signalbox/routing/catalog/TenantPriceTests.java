package io.signalbox.routing.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.signalbox.contracts.catalog.CatalogSnapshot;
import io.signalbox.contracts.catalog.PriceAdjustment;
import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.contracts.catalog.TenantInfo;
import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.routing.SampleCatalog;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.signalbox.routing.SampleCatalog.GPT;
import static io.signalbox.routing.SampleCatalog.LLAMA;
import static io.signalbox.routing.SampleCatalog.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;

/** The price a tenant's request pays: the list price, with the tenant's most specific rule in effect applied. */
class TenantPriceTests {

    /** llama runs on LOCAL; gpt on OPENAI. */
    private static final TenantInfo BANK = new TenantInfo("tenant-bank", "bank", List.of(), List.of(), List.of(
            rule("rule-tenant", null, null, "-5", "2025-01-01T00:00:00Z", null),
            rule("rule-local", LOCAL.id(), null, "-10", "2025-01-01T00:00:00Z", "2025-07-01T00:00:00Z"),
            rule("rule-local-renegotiated", LOCAL.id(), null, "-20", "2025-04-01T00:00:00Z", null),
            rule("rule-llama-may", null, LLAMA.id(), "5", "2025-05-01T00:00:00Z", "2025-06-01T00:00:00Z"),
            rule("rule-other-model", null, "mod-qwen", "-50", "2025-01-01T00:00:00Z", null)));

    private final Catalog catalog = catalogWith(BANK);

    @ParameterizedTest(name = "llama at {0} -> {1}")
    @CsvSource({
            "2025-01-01T00:00:00Z, rule-local, -10",              // a provider rule beats a tenant-wide one
            "2025-03-31T23:59:59Z, rule-local, -10",
            "2025-04-01T00:00:00Z, rule-local-renegotiated, -20", // equally specific: the later start wins
            "2025-05-01T00:00:00Z, rule-llama-may, 5",            // a model rule beats a provider rule, even a markup
            "2025-05-31T23:59:59Z, rule-llama-may, 5",
            "2025-06-01T00:00:00Z, rule-local-renegotiated, -20", // effectiveTo is exclusive
            "2030-01-01T00:00:00Z, rule-local-renegotiated, -20"})
    void theMostSpecificRuleInEffectAdjustsTheListPrice(Instant at, String ruleId, String percent) {
        PriceSnapshot list = Catalog.priceInEffect(LLAMA, at);

        PriceSnapshot paid = catalog.priceFor(LLAMA, BANK.id(), at);

        assertThat(paid).isNotNull();
        assertThat(paid.adjustmentRuleId()).isEqualTo(ruleId);
        assertThat(paid.adjustmentPercent()).isEqualByComparingTo(percent);
        assertThat(paid.listPrice()).as("the rates stay the list price in effect").isEqualTo(list);
    }

    @Test
    void aModelOfAnotherProviderGetsTheTenantWideRule() {
        PriceSnapshot paid = catalog.priceFor(GPT, BANK.id(), Instant.parse("2025-05-15T00:00:00Z"));

        assertThat(paid).isNotNull();
        assertThat(paid.adjustmentRuleId()).isEqualTo("rule-tenant");
        assertThat(paid.costOf(new TokenUsage(1_000_000, 0, null, null, false)))
                .as("0.15 per million at a 5 % discount").isEqualByComparingTo("0.1425");
    }

    @Test
    void beforeAnyRuleStartsOrForAnotherTenantTheListPriceIsPaid() {
        CatalogSnapshot base = SampleCatalog.snapshot(1);
        TenantInfo later = new TenantInfo("tenant-later", "later", List.of(), List.of(), List.of(
                rule("rule-2026", null, null, "-30", "2026-01-01T00:00:00Z", null)));
        Catalog withLater = catalogWith(later);
        Instant at = Instant.parse("2025-05-15T00:00:00Z");

        assertThat(withLater.priceFor(LLAMA, later.id(), at)).isEqualTo(Catalog.priceInEffect(LLAMA, at));
        assertThat(catalog.priceFor(LLAMA, "tenant-other", at)).isEqualTo(Catalog.priceInEffect(LLAMA, at));
        assertThat(catalog.priceFor(LLAMA, null, at)).isEqualTo(Catalog.priceInEffect(LLAMA, at));
        assertThat(Catalog.of(base).priceFor(LLAMA, BANK.id(), at)).as("a catalog without the tenant")
                .isEqualTo(Catalog.priceInEffect(LLAMA, at));
    }

    @Test
    void aRuleDoesNotInventAPriceForAModelThatHasNone() {
        assertThat(catalog.priceFor(SampleCatalog.QWEN, BANK.id(), Instant.parse("2025-05-15T00:00:00Z"))).isNull();
    }

    @Test
    void anAdjustedPriceCostsTheListCostTimesTheRateExactly() {
        Instant may = Instant.parse("2025-05-10T00:00:00Z");
        TokenUsage usage = new TokenUsage(1_000_000, 100_000, null, null, false);

        PriceSnapshot paid = catalog.priceFor(LLAMA, BANK.id(), may);

        // the cut price: 0.05 input, 0.10 output per million; +5 %
        assertThat(paid).isNotNull();
        assertThat(paid.costOf(usage)).isEqualByComparingTo("0.063000");
        assertThat(Catalog.priceInEffect(LLAMA, may).costOf(usage)).isEqualByComparingTo("0.060000");
    }

    private static Catalog catalogWith(TenantInfo tenant) {
        CatalogSnapshot base = SampleCatalog.snapshot(4);
        return Catalog.of(new CatalogSnapshot(base.version(), base.generatedAt(), base.providers(), base.models(),
                base.pools(), base.routes(), List.of(tenant), List.of()));
    }

    private static PriceAdjustment rule(String id, @Nullable String providerId, @Nullable String modelId,
            String percent, String from, @Nullable String to) {
        return new PriceAdjustment(id, providerId, modelId, new BigDecimal(percent), Instant.parse(from),
                to == null ? null : Instant.parse(to));
    }
}
