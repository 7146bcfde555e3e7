package io.signalbox.registry.tenant.web;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import io.signalbox.registry.common.Ids;
import io.signalbox.registry.common.ListPage;
import io.signalbox.registry.tenant.Team;
import io.signalbox.registry.tenant.TenantService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
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
@RequestMapping("/api/v1/teams")
class TeamController {

    private static final Sort ORDER = Sort.by("createdAt", "id");

    private final TenantService tenants;

    TeamController(TenantService tenants) {
        this.tenants = tenants;
    }

    @PostMapping
    ResponseEntity<TeamResponse> create(@Valid @RequestBody CreateTeamRequest request) {
        Team team = tenants.createTeam(request.tenantId(), request.name().strip());
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.getId())).body(TeamResponse.of(team));
    }

    /** All teams, or with {@code ?tenantId=} the teams of one tenant. */
    @GetMapping
    ListPage<TeamResponse> list(@RequestParam(required = false) @Nullable UUID tenantId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(tenants.teams(tenantId, ListPage.request(page, size, ORDER)), TeamResponse::of);
    }

    @GetMapping("/{id}")
    TeamResponse get(@PathVariable String id) {
        return TeamResponse.of(tenants.team(Ids.parse("team", id)));
    }

    record CreateTeamRequest(@NotNull UUID tenantId, @NotBlank @Size(max = 100) String name) {
    }

    record TeamResponse(String id, String tenantId, String name, Instant createdAt) {

        static TeamResponse of(Team team) {
            return new TeamResponse(team.getId().toString(), team.getTenantId().toString(), team.getName(),
                    team.getCreatedAt());
        }
    }
}
