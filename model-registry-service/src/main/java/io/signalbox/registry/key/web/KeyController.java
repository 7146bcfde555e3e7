package io.signalbox.registry.key.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.registry.common.Ids;
import io.signalbox.registry.common.ListPage;
import io.signalbox.registry.common.web.Revisions;
import io.signalbox.registry.key.KeyService;
import io.signalbox.registry.key.VirtualKey;
import io.signalbox.registry.model.ModelVocabulary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
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
@RequestMapping("/api/v1/keys")
class KeyController {

    private static final Sort ORDER = Sort.by("createdAt", "id");

    private final KeyService keys;

    KeyController(KeyService keys) {
        this.keys = keys;
    }

    /** Answers the key in plaintext, once; {@code no-store} keeps it out of caches on the way. */
    @PostMapping
    ResponseEntity<IssuedKeyResponse> create(@Valid @RequestBody CreateKeyRequest request) {
        KeyService.IssuedKey issued = keys.issue(request.tenantId(), request.teamId(), request.name().strip(),
                request.tags() == null ? Map.of() : request.tags(), request.expiresAt(),
                request.allowedModels() == null ? List.of() : request.allowedModels(),
                new RateLimits(request.requestsPerMinute(), request.tokensPerMinute()));
        VirtualKey key = issued.stored();
        return ResponseEntity.created(URI.create("/api/v1/keys/" + key.getId()))
                .cacheControl(CacheControl.noStore())
                .eTag(Revisions.etag(key.getRevision()))
                .body(new IssuedKeyResponse(key.getId().toString(), issued.plaintext(), key.getPrefix(),
                        key.getTenantId().toString(), key.getTeamId() == null ? null : key.getTeamId().toString(),
                        key.getName(), key.getTags(), key.getStatus(), key.getExpiresAt(), key.getAllowedModels(),
                        key.getLimits().requestsPerMinute(), key.getLimits().tokensPerMinute(), key.getRevision(),
                        key.getCreatedAt(), key.getUpdatedAt()));
    }

    /** Filters: {@code tenantId}, {@code teamId}, {@code status}, {@code q} (part of the name). */
    @GetMapping
    ListPage<KeyResponse> list(@RequestParam(required = false) @Nullable UUID tenantId,
            @RequestParam(required = false) @Nullable UUID teamId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(keys.list(tenantId, teamId, status, q, ListPage.request(page, size, ORDER)),
                KeyResponse::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<KeyResponse> get(@PathVariable String id) {
        VirtualKey key = keys.get(Ids.parse("key", id));
        return Revisions.ok(KeyResponse.of(key), key.getRevision());
    }

    /** Replaces name, tags and expiry; the owner is for life and the key itself never changes. */
    @PutMapping("/{id}")
    ResponseEntity<KeyResponse> update(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody UpdateKeyRequest request) {
        Long revision = Revisions.required(ifMatch);
        VirtualKey key = keys.update(Ids.parse("key", id), revision, request.name().strip(),
                request.tags() == null ? Map.of() : request.tags(), request.expiresAt(),
                request.allowedModels() == null ? List.of() : request.allowedModels(),
                new RateLimits(request.requestsPerMinute(), request.tokensPerMinute()));
        return Revisions.ok(KeyResponse.of(key), key.getRevision());
    }

    /**
     * Revokes the key. {@code If-Match} is optional: stopping a leaked key must not wait for a re-read.
     * Keys are never deleted; their usage stays allocated to them.
     */
    @PostMapping("/{id}/revoke")
    ResponseEntity<KeyResponse> revoke(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        VirtualKey key = keys.revoke(Ids.parse("key", id), Revisions.optional(ifMatch));
        return Revisions.ok(KeyResponse.of(key), key.getRevision());
    }

    /**
     * {@code teamId} or {@code tenantId} (or both, when they agree) names the owner. {@code allowedModels}
     * (model names and route aliases) scopes the key; left out or empty: any model.
     */
    record CreateKeyRequest(
            @Nullable UUID tenantId,
            @Nullable UUID teamId,
            @NotBlank @Size(max = 100) String name,
            @Nullable @Size(max = 50) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 256) String> tags,
            @Nullable Instant expiresAt,
            @Nullable @Size(max = 100) List<@NotNull @Size(max = 200) @Pattern(regexp = ModelVocabulary.NAME_PATTERN,
                    message = ModelVocabulary.NAME_MESSAGE) String> allowedModels,
            @Nullable @Positive Integer requestsPerMinute,
            @Nullable @Positive Integer tokensPerMinute) {
    }

    record UpdateKeyRequest(
            @NotBlank @Size(max = 100) String name,
            @Nullable @Size(max = 50) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 256) String> tags,
            @Nullable Instant expiresAt,
            @Nullable @Size(max = 100) List<@NotNull @Size(max = 200) @Pattern(regexp = ModelVocabulary.NAME_PATTERN,
                    message = ModelVocabulary.NAME_MESSAGE) String> allowedModels,
            @Nullable @Positive Integer requestsPerMinute,
            @Nullable @Positive Integer tokensPerMinute) {
    }

    record IssuedKeyResponse(String id, String key, String prefix, String tenantId, @Nullable String teamId,
            String name, Map<String, String> tags, String status, @Nullable Instant expiresAt,
            List<String> allowedModels, @Nullable Integer requestsPerMinute, @Nullable Integer tokensPerMinute,
            long revision, Instant createdAt, Instant updatedAt) {

        @Override
        public String toString() {
            return "IssuedKeyResponse[id=" + id + ", prefix=" + prefix + "]";
        }
    }

    record KeyResponse(String id, String prefix, String tenantId, @Nullable String teamId, String name,
            Map<String, String> tags, String status, @Nullable Instant expiresAt, List<String> allowedModels,
            @Nullable Integer requestsPerMinute, @Nullable Integer tokensPerMinute, long revision, Instant createdAt,
            Instant updatedAt) {

        static KeyResponse of(VirtualKey key) {
            RateLimits limits = key.getLimits();
            return new KeyResponse(key.getId().toString(), key.getPrefix(), key.getTenantId().toString(),
                    key.getTeamId() == null ? null : key.getTeamId().toString(), key.getName(), key.getTags(),
                    key.getStatus(), key.getExpiresAt(), key.getAllowedModels(), limits.requestsPerMinute(),
                    limits.tokensPerMinute(), key.getRevision(), key.getCreatedAt(), key.getUpdatedAt());
        }
    }
}
