package io.signalbox.registry.change;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row holding the catalog version. */
@Entity
@Table(name = "catalog_version")
class CatalogVersion {

    @Id
    private short id;

    @Column(nullable = false)
    private long version;

    protected CatalogVersion() {
    }

    long bump() {
        version++;
        return version;
    }

    long version() {
        return version;
    }
}
