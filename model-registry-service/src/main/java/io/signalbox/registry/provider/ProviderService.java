package io.signalbox.registry.provider;

import java.time.Clock;
import java.util.UUID;

import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and reads providers. Input has been validated by the web adapter. */
@Service
public class ProviderService {

    private final ProviderRepository providers;

    private final RegistryChanges changes;

    private final Clock clock;

    ProviderService(ProviderRepository providers, RegistryChanges changes, Clock clock) {
        this.providers = providers;
        this.changes = changes;
        this.clock = clock;
    }

    @Transactional
    public Provider create(String name, String kind, @Nullable String baseUrl) {
        if (providers.existsByName(name)) {
            throw new AlreadyExistsException("provider", "name", "A provider named '" + name + "' already exists.");
        }
        Provider provider = providers.save(new Provider(name, kind, baseUrl, clock.instant()));
        changes.created("provider", provider.getId());
        return provider;
    }

    @Transactional(readOnly = true)
    public Page<Provider> list(Pageable page) {
        return providers.findAll(page);
    }

    /** @throws NotFoundException when there is no such provider */
    @Transactional(readOnly = true)
    public Provider get(UUID id) {
        return providers.findById(id).orElseThrow(() -> new NotFoundException("provider", id.toString()));
    }
}
