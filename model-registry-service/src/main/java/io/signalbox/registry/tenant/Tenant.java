package io.signalbox.registry.tenant;

import java.time.Instant;

import io.signalbox.registry.common.RegistryEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A customer organisation: owns teams and keys, and is the top scope of cost allocation. */
@Entity
@Table(name = "tenants")
public class Tenant extends RegistryEntity {

    @Column(nullable = false, updatable = false)
    private String name;

    /** For JPA. */
    protected Tenant() {
        this.name = "";
    }

    Tenant(String name, Instant createdAt) {
        super(createdAt);
        this.name = name;
    }

    public String getName() {
        return name;
    }
}
