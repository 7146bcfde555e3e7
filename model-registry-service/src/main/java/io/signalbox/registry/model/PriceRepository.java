package io.signalbox.registry.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.Repository;

public interface PriceRepository extends Repository<Price, UUID> {

    Price save(Price price);

    Optional<Price> findByIdAndModelId(UUID id, UUID modelId);

    Page<Price> findByModelId(UUID modelId, Pageable page);

    boolean existsByModelId(UUID modelId);

    /** The price in effect at an instant: the latest one that took effect at or before it. */
    Optional<Price> findFirstByModelIdAndEffectiveFromLessThanEqualOrderByEffectiveFromDesc(UUID modelId,
            Instant instant);

    boolean existsByModelIdAndEffectiveFrom(UUID modelId, Instant effectiveFrom);

    List<Price> findAll(Sort sort);
}
