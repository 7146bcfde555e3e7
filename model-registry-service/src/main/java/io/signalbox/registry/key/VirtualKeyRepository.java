package io.signalbox.registry.key;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface VirtualKeyRepository extends JpaRepository<VirtualKey, UUID>, JpaSpecificationExecutor<VirtualKey> {

    Optional<VirtualKey> findByKeyHash(String keyHash);
}
