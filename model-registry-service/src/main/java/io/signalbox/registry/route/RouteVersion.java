package io.signalbox.registry.route;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * One version of a route as it was saved: alias and policy, when and by whom. Kept after the route is
 * deleted, so its history stays readable in the audit trail.
 */
@Entity
@Immutable
@Table(name = "route_versions")
@IdClass(RouteVersion.Key.class)
public class RouteVersion {

    @Id
    @Column(name = "route_id")
    private UUID routeId;

    @Id
    @Column(nullable = false)
    private long version;

    @Column(nullable = false)
    private String alias;

    @Column(name = "policy_type", nullable = false)
    private String policyType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<RoutePolicyRules.Target> targets;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private @Nullable Map<String, @Nullable Object> parameters;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private String actor;

    /** For JPA. */
    protected RouteVersion() {
        this.routeId = new UUID(0, 0);
        this.alias = "";
        this.policyType = "";
        this.targets = List.of();
        this.createdAt = Instant.EPOCH;
        this.actor = "";
    }

    RouteVersion(Route route, Instant createdAt, String actor) {
        this.routeId = route.getId();
        this.version = route.getVersion();
        this.alias = route.getAlias();
        this.policyType = route.getPolicyType();
        this.targets = route.getTargets();
        this.parameters = route.getParameters();
        this.createdAt = createdAt;
        this.actor = actor;
    }

    public UUID getRouteId() {
        return routeId;
    }

    public long getVersion() {
        return version;
    }

    public String getAlias() {
        return alias;
    }

    public RoutePolicyRules.Policy policy() {
        return new RoutePolicyRules.Policy(policyType, targets, parameters);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getActor() {
        return actor;
    }

    /** The composite id: route and version. */
    public static class Key implements Serializable {

        private UUID routeId = new UUID(0, 0);

        private long version;

        protected Key() {
        }

        Key(UUID routeId, long version) {
            this.routeId = routeId;
            this.version = version;
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Key key && key.routeId.equals(routeId) && key.version == version;
        }

        @Override
        public int hashCode() {
            return routeId.hashCode() * 31 + Long.hashCode(version);
        }
    }
}
