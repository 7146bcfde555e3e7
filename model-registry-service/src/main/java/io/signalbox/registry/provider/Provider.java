package io.signalbox.registry.provider;

import java.time.Instant;

import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A provider of models and the API it speaks ({@link #getKind()}). */
@Entity
@Table(name = "providers")
public class Provider extends RevisedEntity {

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String kind;

    @Column(name = "base_url")
    private @Nullable String baseUrl;

    /** For JPA. */
    protected Provider() {
        this.name = "";
        this.kind = "";
    }

    Provider(String name, String kind, @Nullable String baseUrl, Instant createdAt) {
        super(createdAt);
        this.name = name;
        this.kind = kind;
        this.baseUrl = baseUrl;
    }

    void update(String name, String kind, @Nullable String baseUrl, Instant now) {
        this.name = name;
        this.kind = kind;
        this.baseUrl = baseUrl;
        touch(now);
    }

    public String getName() {
        return name;
    }

    public String getKind() {
        return kind;
    }

    public @Nullable String getBaseUrl() {
        return baseUrl;
    }

    /** What the audit log keeps of the provider. */
    AuditState auditState() {
        return new AuditState(name, kind, baseUrl);
    }

    record AuditState(String name, String kind, @Nullable String baseUrl) {
    }
}
