package io.signalbox.registry.tenant;

import java.time.Clock;
import java.util.UUID;

import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and reads tenants and their teams. */
@Service
public class TenantService {

    private final TenantRepository tenants;

    private final TeamRepository teams;

    private final RegistryChanges changes;

    private final Clock clock;

    TenantService(TenantRepository tenants, TeamRepository teams, RegistryChanges changes, Clock clock) {
        this.tenants = tenants;
        this.teams = teams;
        this.changes = changes;
        this.clock = clock;
    }

    /** @throws AlreadyExistsException when the name is taken */
    @Transactional
    public Tenant create(String name) {
        if (tenants.existsByName(name)) {
            throw new AlreadyExistsException("tenant", "name", "A tenant named '" + name + "' already exists.");
        }
        Tenant tenant = tenants.save(new Tenant(name, clock.instant()));
        changes.created("tenant", tenant.getId());
        return tenant;
    }

    @Transactional(readOnly = true)
    public Page<Tenant> list(Pageable page) {
        return tenants.findAll(page);
    }

    /** @throws NotFoundException when there is no such tenant */
    @Transactional(readOnly = true)
    public Tenant get(UUID id) {
        return tenants.findById(id).orElseThrow(() -> new NotFoundException("tenant", id.toString()));
    }

    /**
     * @throws NotFoundException when the tenant does not exist
     * @throws AlreadyExistsException when the tenant already has a team of that name
     */
    @Transactional
    public Team createTeam(UUID tenantId, String name) {
        Tenant tenant = get(tenantId);
        if (teams.existsByTenantIdAndName(tenantId, name)) {
            throw new AlreadyExistsException("team", "name",
                    "Tenant '" + tenant.getName() + "' already has a team named '" + name + "'.");
        }
        Team team = teams.save(new Team(tenantId, name, clock.instant()));
        changes.created("team", team.getId());
        return team;
    }

    /** All teams, or the teams of one tenant. */
    @Transactional(readOnly = true)
    public Page<Team> teams(@Nullable UUID tenantId, Pageable page) {
        return tenantId == null ? teams.findAll(page) : teams.findByTenantId(tenantId, page);
    }

    /** @throws NotFoundException when there is no such team */
    @Transactional(readOnly = true)
    public Team team(UUID id) {
        return teams.findById(id).orElseThrow(() -> new NotFoundException("team", id.toString()));
    }
}
