package io.signalbox.registry.tenant.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.registry.common.Ids;
import io.signalbox.registry.common.ListPage;
import io.signalbox.registry.common.web.Revisions;
import io.signalbox.registry.model.ModelVocabulary;
import io.signalbox.registry.tenant.Team;
import io.signalbox.registry.tenant.TenantService;
import jakarta.validation.Valid;
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
@RequestMapping("/api/v1/teams")
class TeamController {

    private static final Sort ORDER = Sort.by("createdAt", "id");

    private final TenantService tenants;

    TeamController(TenantService tenants) {
        this.tenants = tenants;
    }

    @PostMapping
    ResponseEntity<TeamResponse> create(@Valid @RequestBody CreateTeamRequest request) {
        Team team = tenants.createTeam(request.tenantId(), request.name().strip(),
                new RateLimits(request.requestsPerMinute(), request.tokensPerMinute()),
                request.allowedModels() == null ? List.of() : request.allowedModels());
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.getId()))
                .eTag(Revisions.etag(team.getRevision())).body(TeamResponse.of(team));
    }

    /** Filters: {@code tenantId}, {@code q} (part of the name). */
    @GetMapping
    ListPage<TeamResponse> list(@RequestParam(required = false) @Nullable UUID tenantId,
            @RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(tenants.teams(tenantId, q, ListPage.request(page, size, ORDER)), TeamResponse::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<TeamResponse> get(@PathVariable String id) {
        Team team = tenants.team(Ids.parse("team", id));
        return Revisions.ok(TeamResponse.of(team), team.getRevision());
    }

    /** Renames the team; a team stays with its tenant ({@code tenantId} is ignored). */
    @PutMapping("/{id}")
    ResponseEntity<TeamResponse> update(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody UpdateTeamRequest request) {
        Long revision = Revisions.required(ifMatch);
        Team team = tenants.updateTeam(Ids.parse("team", id), revision, request.name().strip(),
                new RateLimits(request.requestsPerMinute(), request.tokensPerMinute()),
                request.allowedModels() == null ? List.of() : request.allowedModels());
        return Revisions.ok(TeamResponse.of(team), team.getRevision());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        tenants.deleteTeam(Ids.parse("team", id), Revisions.optional(ifMatch));
        return ResponseEntity.noContent().build();
    }

    /**
     * Limits are shared by all keys of the team; left out: none. {@code allowedModels} (model names and route
     * aliases) restricts every request of the team's keys, enforced by routing; left out or empty: unrestricted.
     */
    record CreateTeamRequest(@NotNull UUID tenantId, @NotBlank @Size(max = 100) String name,
            @Nullable @Positive Integer requestsPerMinute, @Nullable @Positive Integer tokensPerMinute,
            @Nullable @Size(max = 200) List<@NotNull @Size(max = 200) @Pattern(regexp = ModelVocabulary.NAME_PATTERN,
                    message = ModelVocabulary.NAME_MESSAGE) String> allowedModels) {
    }

    record UpdateTeamRequest(@NotBlank @Size(max = 100) String name, @Nullable @Positive Integer requestsPerMinute,
            @Nullable @Positive Integer tokensPerMinute,
            @Nullable @Size(max = 200) List<@NotNull @Size(max = 200) @Pattern(regexp = ModelVocabulary.NAME_PATTERN,
                    message = ModelVocabulary.NAME_MESSAGE) String> allowedModels) {
    }

    record TeamResponse(String id, String tenantId, String name, @Nullable Integer requestsPerMinute,
            @Nullable Integer tokensPerMinute, List<String> allowedModels, long revision, Instant createdAt,
            Instant updatedAt) {

        static TeamResponse of(Team team) {
            RateLimits limits = team.getLimits();
            return new TeamResponse(team.getId().toString(), team.getTenantId().toString(), team.getName(),
                    limits.requestsPerMinute(), limits.tokensPerMinute(), team.getAllowedModels(), team.getRevision(),
                    team.getCreatedAt(), team.getUpdatedAt());
        }
    }
}
