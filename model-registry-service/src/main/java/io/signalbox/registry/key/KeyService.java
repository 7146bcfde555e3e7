package io.signalbox.registry.key;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.signalbox.contracts.identity.KeyIdentity;
import io.signalbox.contracts.identity.RateLimits;
import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.Filters;
import io.signalbox.registry.common.NotFoundException;
import io.signalbox.registry.common.Times;
import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.common.Violations;
import io.signalbox.registry.tenant.Team;
import io.signalbox.registry.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues, changes and revokes virtual keys and answers the gateway's lookups by key hash. */
@Service
public class KeyService {

    private static final String ENTITY = "key";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final VirtualKeyRepository keys;

    private final TenantService tenants;

    private final KeyGenerator generator;

    private final RegistryChanges changes;

    private final Clock clock;

    KeyService(VirtualKeyRepository keys, TenantService tenants, KeyGenerator generator, RegistryChanges changes,
            Clock clock) {
        this.keys = keys;
        this.tenants = tenants;
        this.generator = generator;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Issues a key for a team (and so for its tenant) or for a tenant as a whole.
     *
     * @return the stored key and its plaintext, which is not kept anywhere and cannot be shown again
     * @throws ValidationFailedException when neither owner is given, the
     *     team belongs to another tenant than the one given, or the expiry is not in the future
     * @throws NotFoundException when the team or tenant does not exist
     */
    @Transactional
    public IssuedKey issue(@Nullable UUID tenantId, @Nullable UUID teamId, String name, Map<String, String> tags,
            @Nullable Instant expiresAt, List<String> allowedModels, RateLimits limits) {
        Instant now = clock.instant();
        Violations violations = new Violations();
        if (tenantId == null && teamId == null) {
            violations.add("teamId", "give teamId or tenantId: a key belongs to a team or to a tenant");
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            violations.add("expiresAt", "must be in the future");
        }
        violations.throwIfAny();
        UUID owner = teamId == null ? tenants.get(Objects.requireNonNull(tenantId)).getId() : ownerOf(teamId, tenantId);
        KeyGenerator.GeneratedKey generated = generator.generate();
        VirtualKey key = new VirtualKey(owner, teamId, name, generated, tags,
                expiresAt == null ? null : Times.storable(expiresAt), now);
        key.restrict(allowedModels, limits);
        keys.save(key);
        changes.created(ENTITY, key.getId(), key.auditState());
        return new IssuedKey(key, generated.key());
    }

    /**
     * Changes a key's name, tags, expiry, scope and limits. The owner never changes: usage already
     * allocated to it would otherwise be split between two owners under one key.
     *
     * @throws ValidationFailedException when the new expiry is not in the future
     */
    @Transactional
    public VirtualKey update(UUID id, @Nullable Long expectedRevision, String name, Map<String, String> tags,
            @Nullable Instant expiresAt, List<String> allowedModels, RateLimits limits) {
        VirtualKey key = get(id);
        if (expectedRevision != null) {
            key.requireRevision(ENTITY, expectedRevision);
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ValidationFailedException.of("expiresAt", "must be in the future; revoke the key to stop it now");
        }
        VirtualKey.AuditState before = key.auditState();
        key.update(name, tags, expiresAt == null ? null : Times.storable(expiresAt), now);
        key.restrict(allowedModels, limits);
        changes.updated(ENTITY, id, before, key.auditState());
        keys.flush();
        return key;
    }

    /**
     * Revokes a key for good: from the commit on, the gateway's lookups no longer find it. Revoking a
     * revoked key changes nothing and records nothing.
     */
    @Transactional
    public VirtualKey revoke(UUID id, @Nullable Long expectedRevision) {
        VirtualKey key = get(id);
        if (expectedRevision != null) {
            key.requireRevision(ENTITY, expectedRevision);
        }
        VirtualKey.AuditState before = key.auditState();
        if (key.revoke(clock.instant())) {
            changes.updated(ENTITY, id, before, key.auditState());
            keys.flush();
        }
        return key;
    }

    /** Keys matching every given filter. Never the keys themselves nor their hashes. */
    @Transactional(readOnly = true)
    public Page<VirtualKey> list(@Nullable UUID tenantId, @Nullable UUID teamId, @Nullable String status,
            @Nullable String q, Pageable page) {
        return keys.findAll(new Filters<VirtualKey>().equal("tenantId", tenantId).equal("teamId", teamId)
                .equal("status", status).contains("name", q).toSpecification(), page);
    }

    /** @throws NotFoundException when there is no such key */
    @Transactional(readOnly = true)
    public VirtualKey get(UUID id) {
        return keys.findById(id).orElseThrow(() -> new NotFoundException(ENTITY, id.toString()));
    }

    /**
     * The identity of the key with this hash, if that key may be used now. Revoked and expired keys are
     * answered like unknown ones: the gateway only needs to know whether to let a request in, and a
     * caller probing hashes learns nothing about which keys once existed.
     */
    @Transactional(readOnly = true)
    public Optional<KeyIdentity> lookup(String sha256Hex) {
        if (!SHA256_HEX.matcher(sha256Hex).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return keys.findByKeyHash(sha256Hex)
                .map(key -> key.toIdentity(key.getTeamId() == null ? null : tenants.team(key.getTeamId()).getLimits()))
                .filter(identity -> identity.usableAt(now));
    }

    /** The tenant of the team, which must be the tenant the request named, if it named one. */
    private UUID ownerOf(UUID teamId, @Nullable UUID tenantId) {
        Team team = tenants.team(teamId);
        if (tenantId != null && !tenantId.equals(team.getTenantId())) {
            throw ValidationFailedException.of("tenantId", "the team belongs to another tenant");
        }
        return team.getTenantId();
    }

    /** A newly issued key with its plaintext, to be shown once. */
    public record IssuedKey(VirtualKey stored, String plaintext) {

        @Override
        public String toString() {
            return "IssuedKey[id=" + stored.getId() + ", prefix=" + stored.getPrefix() + "]";
        }
    }
}
