package io.signalbox.registry.model.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.signalbox.registry.common.Ids;
import io.signalbox.registry.common.ListPage;
import io.signalbox.registry.common.web.Revisions;
import io.signalbox.registry.model.Model;
import io.signalbox.registry.model.ModelService;
import io.signalbox.registry.model.ModelSpec;
import io.signalbox.registry.model.ModelVocabulary;
import io.signalbox.registry.model.Price;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models")
class ModelController {

    private static final Sort MODEL_ORDER = Sort.by("createdAt", "id");

    private static final Sort PRICE_ORDER = Sort.by("effectiveFrom");

    private final ModelService models;

    ModelController(ModelService models) {
        this.models = models;
    }

    @PostMapping
    ResponseEntity<ModelResponse> create(@Valid @RequestBody CreateModelRequest request) {
        Model model = models.create(request.providerId(), request.spec());
        return ResponseEntity.created(URI.create("/api/v1/models/" + model.getId()))
                .eTag(Revisions.etag(model.getRevision())).body(ModelResponse.of(model));
    }

    /** Filters: {@code providerId}, {@code status}, {@code capability}, {@code q} (part of the name). */
    @GetMapping
    ListPage<ModelResponse> list(@RequestParam(required = false) @Nullable UUID providerId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String capability,
            @RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(models.list(providerId, status, capability, q, ListPage.request(page, size, MODEL_ORDER)),
                ModelResponse::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<ModelResponse> get(@PathVariable String id) {
        Model model = models.get(Ids.parse("model", id));
        return Revisions.ok(ModelResponse.of(model), model.getRevision());
    }

    /** Replaces everything but {@code providerId}, which a model keeps for life (it is ignored here). */
    @PutMapping("/{id}")
    ResponseEntity<ModelResponse> update(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody UpdateModelRequest request) {
        Long revision = Revisions.required(ifMatch);
        Model model = models.update(Ids.parse("model", id), revision, request.spec());
        return Revisions.ok(ModelResponse.of(model), model.getRevision());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        models.delete(Ids.parse("model", id), Revisions.optional(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/prices")
    ResponseEntity<PriceResponse> addPrice(@PathVariable String id, @RequestBody CreatePriceRequest request) {
        Price price = models.addPrice(Ids.parse("model", id), request.currency(), request.inputPerMillion(),
                request.outputPerMillion(), request.cachedInputPerMillion(), request.reasoningPerMillion(),
                request.effectiveFrom());
        return ResponseEntity.created(URI.create("/api/v1/models/" + price.getModelId() + "/prices/" + price.getId()))
                .body(PriceResponse.of(price));
    }

    /** The model's price history, oldest first. */
    @GetMapping("/{id}/prices")
    ListPage<PriceResponse> prices(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(models.prices(Ids.parse("model", id), ListPage.request(page, size, PRICE_ORDER)),
                PriceResponse::of);
    }

    /** The price that applied at {@code instant} (ISO-8601): what a request at that moment was charged. */
    @GetMapping("/{id}/prices/at")
    PriceResponse priceAt(@PathVariable String id, @RequestParam Instant instant) {
        return PriceResponse.of(models.priceAt(Ids.parse("model", id), instant));
    }

    @GetMapping("/{id}/prices/{priceId}")
    PriceResponse price(@PathVariable String id, @PathVariable String priceId) {
        return PriceResponse.of(models.price(Ids.parse("model", id), Ids.parse("price", priceId)));
    }

    /** Defaults: no capabilities, status {@code active}, no regions (anywhere). */
    record CreateModelRequest(
            @NotNull UUID providerId,
            @NotBlank @Size(max = 200)
            @Pattern(regexp = ModelVocabulary.NAME_PATTERN, message = ModelVocabulary.NAME_MESSAGE) String name,
            @NotBlank @Size(max = 200) String upstreamModel,
            @NotNull @Positive @Max(100_000_000) Integer contextWindow,
            @Nullable List<@NotNull @Pattern(regexp = ModelVocabulary.CAPABILITY_PATTERN,
                    message = ModelVocabulary.CAPABILITY_MESSAGE) String> capabilities,
            @Nullable @Pattern(regexp = ModelVocabulary.STATUS_PATTERN,
                    message = ModelVocabulary.STATUS_MESSAGE) String status,
            @Nullable @Size(max = 100) String family,
            @Nullable @Positive @Max(100_000_000) Integer maxOutputTokens,
            @Nullable @Pattern(regexp = ModelVocabulary.TIER_PATTERN,
                    message = ModelVocabulary.TIER_MESSAGE) String qualityTier,
            @Nullable LocalDate deprecationDate,
            @Nullable @Size(max = 50) List<@NotNull @Size(max = 50) @Pattern(regexp = ModelVocabulary.REGION_PATTERN,
                    message = ModelVocabulary.REGION_MESSAGE) String> regions) {

        ModelSpec spec() {
            return new ModelSpec(name, upstreamModel.strip(), contextWindow,
                    capabilities == null ? List.of() : capabilities, status == null ? "active" : status, family,
                    maxOutputTokens, qualityTier, deprecationDate, regions == null ? List.of() : regions);
        }
    }

    /** The create body without {@code providerId}; fields left out take the create defaults. */
    record UpdateModelRequest(
            @NotBlank @Size(max = 200)
            @Pattern(regexp = ModelVocabulary.NAME_PATTERN, message = ModelVocabulary.NAME_MESSAGE) String name,
            @NotBlank @Size(max = 200) String upstreamModel,
            @NotNull @Positive @Max(100_000_000) Integer contextWindow,
            @Nullable List<@NotNull @Pattern(regexp = ModelVocabulary.CAPABILITY_PATTERN,
                    message = ModelVocabulary.CAPABILITY_MESSAGE) String> capabilities,
            @Nullable @Pattern(regexp = ModelVocabulary.STATUS_PATTERN,
                    message = ModelVocabulary.STATUS_MESSAGE) String status,
            @Nullable @Size(max = 100) String family,
            @Nullable @Positive @Max(100_000_000) Integer maxOutputTokens,
            @Nullable @Pattern(regexp = ModelVocabulary.TIER_PATTERN,
                    message = ModelVocabulary.TIER_MESSAGE) String qualityTier,
            @Nullable LocalDate deprecationDate,
            @Nullable @Size(max = 50) List<@NotNull @Size(max = 50) @Pattern(regexp = ModelVocabulary.REGION_PATTERN,
                    message = ModelVocabulary.REGION_MESSAGE) String> regions) {

        ModelSpec spec() {
            return new ModelSpec(name, upstreamModel.strip(), contextWindow,
                    capabilities == null ? List.of() : capabilities, status == null ? "active" : status, family,
                    maxOutputTokens, qualityTier, deprecationDate, regions == null ? List.of() : regions);
        }
    }

    /**
     * Rates may be JSON numbers or strings; both are read exactly. The price rules (required fields,
     * defaults, exactness) live in {@link io.signalbox.registry.model.PriceRules}.
     */
    record CreatePriceRequest(@Nullable String currency, @Nullable BigDecimal inputPerMillion,
            @Nullable BigDecimal outputPerMillion, @Nullable BigDecimal cachedInputPerMillion,
            @Nullable BigDecimal reasoningPerMillion, @Nullable Instant effectiveFrom) {
    }

    record ModelResponse(String id, String providerId, String name, String upstreamModel, int contextWindow,
            List<String> capabilities, String status, @Nullable String family, @Nullable Integer maxOutputTokens,
            @Nullable String qualityTier, @Nullable LocalDate deprecationDate, List<String> regions, long revision,
            Instant createdAt, Instant updatedAt) {

        static ModelResponse of(Model model) {
            ModelSpec spec = model.spec();
            return new ModelResponse(model.getId().toString(), model.getProviderId().toString(), spec.name(),
                    spec.upstreamModel(), spec.contextWindow(), spec.capabilities(), spec.status(), spec.family(),
                    spec.maxOutputTokens(), spec.qualityTier(), spec.deprecationDate(), spec.regions(),
                    model.getRevision(), model.getCreatedAt(), model.getUpdatedAt());
        }
    }

    record PriceResponse(String id, String modelId, String currency, BigDecimal inputPerMillion,
            BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion, @Nullable BigDecimal reasoningPerMillion,
            Instant effectiveFrom, Instant createdAt) {

        static PriceResponse of(Price price) {
            return new PriceResponse(price.getId().toString(), price.getModelId().toString(), price.getCurrency(),
                    price.getInputPerMillion(), price.getOutputPerMillion(), price.getCachedInputPerMillion(),
                    price.getReasoningPerMillion(), price.getEffectiveFrom(), price.getCreatedAt());
        }
    }
}
