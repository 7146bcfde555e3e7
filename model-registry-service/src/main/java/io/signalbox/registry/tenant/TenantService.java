package io.signalbox.registry.tenant;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.Filters;
import io.signalbox.registry.common.InUseException;
import io.signalbox.registry.common.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads, renames and deletes tenants and their teams. Keys are kept after revocation for cost
 * allocation, so a tenant or team that ever had a key is never deleted.
 */
@Service
public class TenantService {

    private static final String TENANT = "tenant";

    private static final String TEAM = "team";

    private final TenantRepository tenants;

    private final TeamRepository teams;

    private final TenantPriceAdjustmentRepository adjustments;

    private final RegistryChanges changes;

    private final Clock clock;

    TenantService(TenantRepository tenants, TeamRepository teams, TenantPriceAdjustmentRepository adjustments,
            RegistryChanges changes, Clock clock) {
        this.tenants = tenants;
        this.teams = teams;
        this.adjustments = adjustments;
        this.changes = changes;
        this.clock = clock;
    }

    /** @throws AlreadyExistsException when the name is taken */
    @Transactional
    public Tenant create(String name, Access access) {
        if (tenants.existsByName(name)) {
            throw tenantNameTaken(name);
        }
        Tenant tenant = tenants.save(new Tenant(name, access, clock.instant()));
        changes.created(TENANT, tenant.getId(), tenant.auditState());
        return tenant;
    }

    /**
     * Renames the tenant and replaces its allow-lists.
     *
     * @throws AlreadyExistsException when another tenant has the name
     */
    @Transactional
    public Tenant update(UUID id, @Nullable Long expectedRevision, String name, Access access) {
        Tenant tenant = get(id);
        if (expectedRevision != null) {
            tenant.requireRevision(TENANT, expectedRevision);
        }
        if (tenants.existsByNameAndIdNot(name, id)) {
            throw tenantNameTaken(name);
        }
        Tenant.AuditState before = tenant.auditState();
        tenant.update(name, access, clock.instant());
        changes.updated(TENANT, id, before, tenant.auditState());
        tenants.flush();
        return tenant;
    }

    /** @throws InUseException when the tenant has teams, keys or price adjustments */
    @Transactional
    public void delete(UUID id, @Nullable Long expectedRevision) {
        Tenant tenant = get(id);
        if (expectedRevision != null) {
            tenant.requireRevision(TENANT, expectedRevision);
        }
        if (teams.existsByTenantId(id)) {
            throw new InUseException(TENANT, id.toString(), TEAM,
                    "Tenant '" + tenant.getName() + "' still has teams; delete them first.");
        }
        if (tenants.hasKeys(id)) {
            throw new InUseException(TENANT, id.toString(), "key", "Tenant '" + tenant.getName()
                    + "' has keys, which its usage is allocated by; revoke them instead of deleting the tenant.");
        }
        if (adjustments.existsByTenantId(id)) {
            throw new InUseException(TENANT, id.toString(), PriceAdjustmentService.ENTITY, "Tenant '"
                    + tenant.getName() + "' still has price adjustments; delete them first.");
        }
        tenants.delete(tenant);
        changes.deleted(TENANT, id, tenant.auditState());
    }

    @Transactional(readOnly = true)
    public Page<Tenant> list(@Nullable String q, Pageable page) {
        return tenants.findAll(new Filters<Tenant>().contains("name", q).toSpecification(), page);
    }

    /** @throws NotFoundException when there is no such tenant */
    @Transactional(readOnly = true)
    public Tenant get(UUID id) {
        return tenants.findById(id).orElseThrow(() -> new NotFoundException(TENANT, id.toString()));
    }

    /**
     * @throws NotFoundException when the tenant does not exist
     * @throws AlreadyExistsException when the tenant already has a team of that name
     */
    @Transactional
    public Team createTeam(UUID tenantId, String name, RateLimits limits, List<String> allowedModels) {
        Tenant tenant = get(tenantId);
        if (teams.existsByTenantIdAndName(tenantId, name)) {
            throw teamNameTaken(tenant, name);
        }
        Team team = new Team(tenantId, name, clock.instant());
        team.setLimits(limits);
        team.restrict(allowedModels);
        teams.save(team);
        changes.created(TEAM, team.getId(), team.auditState());
        return team;
    }

    /**
     * Renames the team and sets its shared limits and its allow-list.
     *
     * @throws AlreadyExistsException when another team of the tenant has the name
     */
    @Transactional
    public Team updateTeam(UUID id, @Nullable Long expectedRevision, String name, RateLimits limits,
            List<String> allowedModels) {
        Team team = team(id);
        if (expectedRevision != null) {
            team.requireRevision(TEAM, expectedRevision);
        }
        if (teams.existsByTenantIdAndNameAndIdNot(team.getTenantId(), name, id)) {
            throw teamNameTaken(get(team.getTenantId()), name);
        }
        Team.AuditState before = team.auditState();
        team.update(name, limits, allowedModels, clock.instant());
        changes.updated(TEAM, id, before, team.auditState());
        teams.flush();
        return team;
    }

    /** @throws InUseException when the team has keys */
    @Transactional
    public void deleteTeam(UUID id, @Nullable Long expectedRevision) {
        Team team = team(id);
        if (expectedRevision != null) {
            team.requireRevision(TEAM, expectedRevision);
        }
        if (teams.hasKeys(id)) {
            throw new InUseException(TEAM, id.toString(), "key", "Team '" + team.getName()
                    + "' has keys, which its usage is allocated by; revoke them instead of deleting the team.");
        }
        teams.delete(team);
        changes.deleted(TEAM, id, team.auditState());
    }

    /** Teams, filtered by tenant and part of the name; each filter optional. */
    @Transactional(readOnly = true)
    public Page<Team> teams(@Nullable UUID tenantId, @Nullable String q, Pageable page) {
        return teams.findAll(new Filters<Team>().equal("tenantId", tenantId).contains("name", q).toSpecification(),
                page);
    }

    /** @throws NotFoundException when there is no such team */
    @Transactional(readOnly = true)
    public Team team(UUID id) {
        return teams.findById(id).orElseThrow(() -> new NotFoundException(TEAM, id.toString()));
    }

    private static AlreadyExistsException tenantNameTaken(String name) {
        return new AlreadyExistsException(TENANT, "name", "A tenant named '" + name + "' already exists.");
    }

    private static AlreadyExistsException teamNameTaken(Tenant tenant, String name) {
        return new AlreadyExistsException(TEAM, "name",
                "Tenant '" + tenant.getName() + "' already has a team named '" + name + "'.");
    }
}
