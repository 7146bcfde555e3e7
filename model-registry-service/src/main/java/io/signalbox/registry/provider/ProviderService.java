package io.signalbox.registry.provider;

import java.time.Clock;
import java.util.UUID;

import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.Filters;
import io.signalbox.registry.common.InUseException;
import io.signalbox.registry.common.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, reads, changes and deletes providers. Input has been validated by the web adapter. */
@Service
public class ProviderService {

    private static final String ENTITY = "provider";

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
            throw nameTaken(name);
        }
        Provider provider = providers.save(new Provider(name, kind, baseUrl, clock.instant()));
        changes.created(ENTITY, provider.getId(), provider.auditState());
        return provider;
    }

    /**
     * @param expectedRevision the revision the change was made against, or null for any
     * @throws NotFoundException when there is no such provider
     * @throws io.signalbox.registry.common.StaleRevisionException when the provider changed since
     * @throws AlreadyExistsException when another provider has the name
     */
    @Transactional
    public Provider update(UUID id, @Nullable Long expectedRevision, String name, String kind,
            @Nullable String baseUrl) {
        Provider provider = get(id);
        if (expectedRevision != null) {
            provider.requireRevision(ENTITY, expectedRevision);
        }
        if (providers.existsByNameAndIdNot(name, id)) {
            throw nameTaken(name);
        }
        Provider.AuditState before = provider.auditState();
        provider.update(name, kind, baseUrl, clock.instant());
        changes.updated(ENTITY, id, before, provider.auditState());
        providers.flush();
        return provider;
    }

    /** @throws InUseException when models still belong to the provider */
    @Transactional
    public void delete(UUID id, @Nullable Long expectedRevision) {
        Provider provider = get(id);
        if (expectedRevision != null) {
            provider.requireRevision(ENTITY, expectedRevision);
        }
        if (providers.hasModels(id)) {
            throw new InUseException(ENTITY, id.toString(), "model",
                    "Provider '" + provider.getName() + "' still has models; delete or move them first.");
        }
        providers.delete(provider);
        changes.deleted(ENTITY, id, provider.auditState());
    }

    @Transactional(readOnly = true)
    public Page<Provider> list(@Nullable String kind, @Nullable String q, Pageable page) {
        return providers.findAll(new Filters<Provider>().equal("kind", kind).contains("name", q).toSpecification(),
                page);
    }

    /** @throws NotFoundException when there is no such provider */
    @Transactional(readOnly = true)
    public Provider get(UUID id) {
        return providers.findById(id).orElseThrow(() -> new NotFoundException(ENTITY, id.toString()));
    }

    private static AlreadyExistsException nameTaken(String name) {
        return new AlreadyExistsException(ENTITY, "name", "A provider named '" + name + "' already exists.");
    }
}
