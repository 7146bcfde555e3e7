package io.signalbox.registry.tenant.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import io.signalbox.registry.common.Ids;
import io.signalbox.registry.common.ListPage;
import io.signalbox.registry.common.web.Revisions;
import io.signalbox.registry.tenant.PriceAdjustmentRules;
import io.signalbox.registry.tenant.PriceAdjustmentService;
import io.signalbox.registry.tenant.TenantPriceAdjustment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
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

/**
 * A tenant's negotiated discounts and markups, under the tenant they belong to. Finance reads them (they are
 * below {@code /api/v1/tenants}); admins write them.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/price-adjustments")
class PriceAdjustmentController {

    private static final Sort ORDER = Sort.by("effectiveFrom", "id");

    private final PriceAdjustmentService adjustments;

    PriceAdjustmentController(PriceAdjustmentService adjustments) {
        this.adjustments = adjustments;
    }

    @PostMapping
    ResponseEntity<PriceAdjustmentResponse> create(@PathVariable String tenantId,
            @Valid @RequestBody PriceAdjustmentRequest request) {
        TenantPriceAdjustment adjustment = adjustments.create(tenant(tenantId), request.providerId(),
                request.modelId(), request.percent(), request.effectiveFrom(), request.effectiveTo(), request.note());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + adjustment.getTenantId() + "/price-adjustments/"
                + adjustment.getId())).eTag(Revisions.etag(adjustment.getRevision()))
                .body(PriceAdjustmentResponse.of(adjustment));
    }

    /** The tenant's rules, earliest start first. */
    @GetMapping
    ListPage<PriceAdjustmentResponse> list(@PathVariable String tenantId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(adjustments.list(tenant(tenantId), ListPage.request(page, size, ORDER)),
                PriceAdjustmentResponse::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<PriceAdjustmentResponse> get(@PathVariable String tenantId, @PathVariable String id) {
        TenantPriceAdjustment adjustment = adjustments.get(tenant(tenantId), adjustment(id));
        return Revisions.ok(PriceAdjustmentResponse.of(adjustment), adjustment.getRevision());
    }

    /** Replaces the whole rule (fields left out take the create defaults); needs {@code If-Match}. */
    @PutMapping("/{id}")
    ResponseEntity<PriceAdjustmentResponse> update(@PathVariable String tenantId, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody PriceAdjustmentRequest request) {
        Long revision = Revisions.required(ifMatch);
        TenantPriceAdjustment adjustment = adjustments.update(tenant(tenantId), adjustment(id), revision,
                request.providerId(), request.modelId(), request.percent(), request.effectiveFrom(),
                request.effectiveTo(), request.note());
        return Revisions.ok(PriceAdjustmentResponse.of(adjustment), adjustment.getRevision());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String tenantId, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        adjustments.delete(tenant(tenantId), adjustment(id), Revisions.optional(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static UUID tenant(String id) {
        return Ids.parse("tenant", id);
    }

    private static UUID adjustment(String id) {
        return Ids.parse("price-adjustment", id);
    }

    /**
     * {@code percent}: negative for a discount, positive for a markup, of the list price (a JSON number or a
     * string, read exactly). Neither {@code providerId} nor {@code modelId}: the rule covers every request of the
     * tenant; one of them: that provider's models, or that model. {@code effectiveFrom} defaults to now;
     * {@code effectiveTo} (exclusive) to open-ended. The rules across fields are in {@link PriceAdjustmentRules}.
     */
    record PriceAdjustmentRequest(@Nullable UUID providerId, @Nullable UUID modelId,
            @NotNull(message = "is required: negative for a discount, positive for a markup")
            @DecimalMin(value = "-100", inclusive = false, message = "must be greater than -100")
            @DecimalMax(value = "1000", message = "must be at most 1000")
            @Digits(integer = 4, fraction = PriceAdjustmentRules.PERCENT_SCALE,
                    message = "must have at most 4 decimal places") BigDecimal percent,
            @Nullable Instant effectiveFrom, @Nullable Instant effectiveTo,
            @Nullable @Size(max = PriceAdjustmentRules.NOTE_LENGTH) String note) {
    }

    /** @param scope {@code tenant}, {@code provider} or {@code model}: what the rule covers */
    record PriceAdjustmentResponse(String id, String tenantId, String scope, @Nullable String providerId,
            @Nullable String modelId, BigDecimal percent, Instant effectiveFrom, @Nullable Instant effectiveTo,
            @Nullable String note, long revision, Instant createdAt, Instant updatedAt) {

        static PriceAdjustmentResponse of(TenantPriceAdjustment adjustment) {
            return new PriceAdjustmentResponse(adjustment.getId().toString(), adjustment.getTenantId().toString(),
                    adjustment.getScope(), adjustment.getProviderId() == null ? null
                            : adjustment.getProviderId().toString(),
                    adjustment.getModelId() == null ? null : adjustment.getModelId().toString(),
                    adjustment.getPercent(), adjustment.getEffectiveFrom(), adjustment.getEffectiveTo(),
                    adjustment.getNote(), adjustment.getRevision(), adjustment.getCreatedAt(), adjustment.getUpdatedAt());
        }
    }
}
