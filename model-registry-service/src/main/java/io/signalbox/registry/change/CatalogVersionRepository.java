package io.signalbox.registry.change;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface CatalogVersionRepository extends Repository<CatalogVersion, Short> {

    /**
     * Reads the version row and locks it until the transaction ends, which makes registry writers
     * take turns: versions, outbox order and commit order stay the same.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select v from CatalogVersion v where v.id = 1")
    CatalogVersion lockForUpdate();

    @Query("select v.version from CatalogVersion v where v.id = 1")
    long current();
}
