package io.signalbox.registry.provider;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.signalbox.contracts.catalog.ProviderInfo;
import io.signalbox.registry.common.RevisedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A provider of models and the API it speaks ({@link #getKind()}). Its credentials are stored only
 * encrypted ({@link CredentialCipher}) and are never part of an answer, an event or the audit log.
 */
@Entity
@Table(name = "providers")
public class Provider extends RevisedEntity {

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String kind;

    @Column(name = "base_url")
    private @Nullable String baseUrl;

    @Column(name = "connect_timeout_ms")
    private @Nullable Integer connectTimeoutMs;

    @Column(name = "request_timeout_ms")
    private @Nullable Integer requestTimeoutMs;

    @Column(name = "requests_per_minute")
    private @Nullable Integer requestsPerMinute;

    @Column(name = "tokens_per_minute")
    private @Nullable Integer tokensPerMinute;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "resilience", columnDefinition = "jsonb")
    private @Nullable Map<String, @Nullable Object> resilience;

    @Column(name = "credentials_ciphertext")
    private @Nullable String credentialsCiphertext;

    @Column(name = "credentials_key_id")
    private @Nullable String credentialsKeyId;

    /** For JPA. */
    protected Provider() {
        this.name = "";
        this.kind = "";
    }

    Provider(ProviderSpec spec, Instant createdAt) {
        super(createdAt);
        this.name = spec.name();
        this.kind = spec.kind();
        apply(spec);
    }

    void update(ProviderSpec spec, Instant now) {
        this.name = spec.name();
        this.kind = spec.kind();
        apply(spec);
        touch(now);
    }

    private void apply(ProviderSpec spec) {
        this.baseUrl = spec.baseUrl();
        this.connectTimeoutMs = spec.connectTimeoutMs();
        this.requestTimeoutMs = spec.requestTimeoutMs();
        this.requestsPerMinute = spec.requestsPerMinute();
        this.tokensPerMinute = spec.tokensPerMinute();
        this.resilience = spec.resilience() == null ? null
                : new LinkedHashMap<>(ProviderVocabulary.resilienceToMap(spec.resilience()));
    }

    /** @param now the time of the change, or null while the provider is being created */
    void storeCredentials(CredentialCipher.@Nullable Sealed sealed, @Nullable Instant now) {
        this.credentialsCiphertext = sealed == null ? null : sealed.ciphertext();
        this.credentialsKeyId = sealed == null ? null : sealed.keyId();
        if (now != null) {
            touch(now);
        }
    }

    CredentialCipher.@Nullable Sealed sealedCredentials() {
        return credentialsCiphertext == null || credentialsKeyId == null ? null
                : new CredentialCipher.Sealed(credentialsKeyId, credentialsCiphertext);
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

    public ProviderSpec spec() {
        Map<String, @Nullable Object> stored = resilience;
        return new ProviderSpec(name, kind, baseUrl, connectTimeoutMs, requestTimeoutMs, requestsPerMinute,
                tokensPerMinute, stored == null ? null : ProviderVocabulary.resilienceFromMap(stored));
    }

    public boolean hasCredentials() {
        return credentialsCiphertext != null;
    }

    /** The id of the key the credentials are encrypted with; null without credentials. */
    public @Nullable String getCredentialsKeyId() {
        return credentialsKeyId;
    }

    public ProviderInfo toInfo() {
        return spec().toInfo(getId().toString());
    }

    /** What the audit log keeps of the provider: whether it has credentials and their key, never them. */
    AuditState auditState() {
        return new AuditState(spec(), credentialsKeyId != null, credentialsKeyId);
    }

    record AuditState(ProviderSpec settings, boolean hasCredentials, @Nullable String credentialsKeyId) {
    }
}
