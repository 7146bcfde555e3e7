package io.signalbox.registry.tenant.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.signalbox.registry.common.Ids;
import io.signalbox.registry.common.ListPage;
import io.signalbox.registry.common.web.Revisions;
import io.signalbox.registry.model.ModelVocabulary;
import io.signalbox.registry.pool.PoolVocabulary;
import io.signalbox.registry.tenant.Access;
import io.signalbox.registry.tenant.Tenant;
import io.signalbox.registry.tenant.TenantService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
@RequestMapping("/api/v1/tenants")
class TenantController {

    private static final Sort ORDER = Sort.by("createdAt", "id");

    private final TenantService tenants;

    TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @PostMapping
    ResponseEntity<TenantResponse> create(@Valid @RequestBody TenantRequest request) {
        Tenant tenant = tenants.create(request.name().strip(), request.access());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.getId()))
                .eTag(Revisions.etag(tenant.getRevision())).body(TenantResponse.of(tenant));
    }

    /** Filter: {@code q} (part of the name). */
    @GetMapping
    ListPage<TenantResponse> list(@RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(tenants.list(q, ListPage.request(page, size, ORDER)), TenantResponse::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<TenantResponse> get(@PathVariable String id) {
        Tenant tenant = tenants.get(Ids.parse("tenant", id));
        return Revisions.ok(TenantResponse.of(tenant), tenant.getRevision());
    }

    @PutMapping("/{id}")
    ResponseEntity<TenantResponse> update(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody TenantRequest request) {
        Long revision = Revisions.required(ifMatch);
        Tenant tenant = tenants.update(Ids.parse("tenant", id), revision, request.name().strip(), request.access());
        return Revisions.ok(TenantResponse.of(tenant), tenant.getRevision());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        tenants.delete(Ids.parse("tenant", id), Revisions.optional(ifMatch));
        return ResponseEntity.noContent().build();
    }

    /**
     * {@code allowedModels} (model names and route aliases) and {@code allowedRegions} restrict every request of
     * the tenant's keys, enforced by routing; left out or empty: unrestricted. A PUT replaces both.
     */
    record TenantRequest(@NotBlank @Size(max = 100) String name,
            @Nullable @Size(max = 200) List<@NotNull @Size(max = 200) @Pattern(regexp = ModelVocabulary.NAME_PATTERN,
                    message = ModelVocabulary.NAME_MESSAGE) String> allowedModels,
            @Nullable @Size(max = 50) List<@NotNull @Size(max = 50) @Pattern(regexp = PoolVocabulary.REGION_PATTERN,
                    message = PoolVocabulary.REGION_MESSAGE) String> allowedRegions) {

        Access access() {
            return new Access(allowedModels == null ? List.of() : allowedModels,
                    allowedRegions == null ? List.of() : allowedRegions);
        }
    }

    record TenantResponse(String id, String name, List<String> allowedModels, List<String> allowedRegions,
            long revision, Instant createdAt, Instant updatedAt) {

        static TenantResponse of(Tenant tenant) {
            return new TenantResponse(tenant.getId().toString(), tenant.getName(), tenant.getAccess().models(),
                    tenant.getAccess().regions(), tenant.getRevision(), tenant.getCreatedAt(), tenant.getUpdatedAt());
        }
    }
}
