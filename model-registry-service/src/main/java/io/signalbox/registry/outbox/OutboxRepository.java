package io.signalbox.registry.outbox;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

interface OutboxRepository extends CrudRepository<OutboxEvent, UUID> {

    /**
     * Tries to become the one relay for the rest of the transaction. Registry instances share the
     * outbox; a second relay that sent rows while the first is still waiting for its acks would send
     * them twice and out of order, so it skips its turn instead.
     */
    @Query(value = "select pg_try_advisory_xact_lock(:key)", nativeQuery = true)
    boolean tryRelayLock(long key);

    /** The oldest unpublished events, in the order their changes committed. */
    @Query(value = "select * from outbox_events where published_at is null order by seq limit :limit",
            nativeQuery = true)
    List<OutboxEvent> findUnpublished(int limit);

    long countByPublishedAtIsNull();
}
