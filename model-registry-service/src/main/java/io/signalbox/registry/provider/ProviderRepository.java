package io.signalbox.registry.provider;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProviderRepository extends JpaRepository<Provider, UUID> {

    boolean existsByName(String name);

    @Override
    List<Provider> findAll(Sort sort);
}
