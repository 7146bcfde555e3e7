package io.signalbox.registry.route;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.signalbox.contracts.catalog.RouteInfo;
import io.signalbox.contracts.catalog.RouteTarget;
import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A route: an alias clients send as {@code model}, and the policy that picks the model. {@link #getVersion()}
 * counts the route's own revisions (1 when created), independent of the catalog version.
 */
@Entity
@Table(name = "routes")
public class Route extends RevisedEntity {

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

    @Column(nullable = false)
    private long version;

    /** For JPA. */
    protected Route() {
        this.alias = "";
        this.policyType = "";
        this.targets = List.of();
    }

    Route(String alias, RoutePolicyRules.Policy policy, Instant createdAt) {
        super(createdAt);
        this.alias = alias;
        this.policyType = policy.type();
        this.targets = policy.targets();
        this.parameters = policy.parameters();
        this.version = 1;
    }

    /** A new revision of the route: every change counts as one, so consumers can tell policies apart. */
    void update(String alias, RoutePolicyRules.Policy policy, Instant now) {
        this.alias = alias;
        this.policyType = policy.type();
        this.targets = policy.targets();
        this.parameters = policy.parameters();
        this.version++;
        touch(now);
    }

    public String getAlias() {
        return alias;
    }

    public String getPolicyType() {
        return policyType;
    }

    public List<RoutePolicyRules.Target> getTargets() {
        return List.copyOf(targets);
    }

    /** The policy's parameters beyond its targets; null for {@code static} and {@code weighted}. */
    public @Nullable Map<String, @Nullable Object> getParameters() {
        return parameters == null ? null : Collections.unmodifiableMap(parameters);
    }

    public RoutePolicyRules.Policy policy() {
        return new RoutePolicyRules.Policy(policyType, targets, parameters);
    }

    public long getVersion() {
        return version;
    }

    public RouteInfo toInfo() {
        return new RouteInfo(getId().toString(), alias, policyType,
                targets.stream().map(target -> new RouteTarget(target.modelId().toString(), target.weight())).toList(),
                version, parameters);
    }

    /** What the audit log keeps of the route. */
    AuditState auditState() {
        return new AuditState(alias, policyType, List.copyOf(targets), parameters, version);
    }

    record AuditState(String alias, String policyType, List<RoutePolicyRules.Target> targets,
            @Nullable Map<String, @Nullable Object> parameters, long version) {
    }
}
