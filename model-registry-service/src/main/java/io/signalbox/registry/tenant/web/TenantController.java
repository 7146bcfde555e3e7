package io.signalbox.registry.tenant.web;

import java.net.URI;
import java.time.Instant;

import io.signalbox.registry.common.Ids;
import io.signalbox.registry.common.ListPage;
import io.signalbox.registry.tenant.Tenant;
import io.signalbox.registry.tenant.TenantService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
    ResponseEntity<TenantResponse> create(@Valid @RequestBody CreateTenantRequest request) {
        Tenant tenant = tenants.create(request.name().strip());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.getId())).body(TenantResponse.of(tenant));
    }

    @GetMapping
    ListPage<TenantResponse> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(tenants.list(ListPage.request(page, size, ORDER)), TenantResponse::of);
    }

    @GetMapping("/{id}")
    TenantResponse get(@PathVariable String id) {
        return TenantResponse.of(tenants.get(Ids.parse("tenant", id)));
    }

    record CreateTenantRequest(@NotBlank @Size(max = 100) String name) {
    }

    record TenantResponse(String id, String name, Instant createdAt) {

        static TenantResponse of(Tenant tenant) {
            return new TenantResponse(tenant.getId().toString(), tenant.getName(), tenant.getCreatedAt());
        }
    }
}
