package io.signalbox.registry.provider;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.registry.change.RegistryChanges;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.Filters;
import io.signalbox.registry.common.InUseException;
import io.signalbox.registry.common.NotFoundException;
import io.signalbox.registry.common.ValidationFailedException;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/**
 * Creates, reads, changes and deletes providers, and keeps their credentials encrypted. Input has been
 * validated by the web adapter.
 */
@Service
public class ProviderService {

    private static final String ENTITY = "provider";

    private static final TypeReference<Map<String, String>> CREDENTIALS = new TypeReference<>() {
    };

    private final ProviderRepository providers;

    private final CredentialCipher cipher;

    private final RegistryChanges changes;

    private final Clock clock;

    ProviderService(ProviderRepository providers, CredentialCipher cipher, RegistryChanges changes, Clock clock) {
        this.providers = providers;
        this.cipher = cipher;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * @param credentials secret fields such as {@code apiKey}; null or empty: none
     * @throws ValidationFailedException when credentials are given but no encryption key is configured
     */
    @Transactional
    public Provider create(ProviderSpec spec, @Nullable Map<String, String> credentials) {
        if (providers.existsByName(spec.name())) {
            throw nameTaken(spec.name());
        }
        Provider provider = new Provider(spec, clock.instant());
        if (credentials != null && !credentials.isEmpty()) {
            provider.storeCredentials(seal(provider.getId(), credentials), null);
        }
        providers.save(provider);
        changes.created(ENTITY, provider.getId(), provider.auditState());
        return provider;
    }

    /**
     * @param expectedRevision the revision the change was made against, or null for any
     * @param credentials null keeps the stored credentials, an empty map removes them, otherwise replaces them
     * @throws NotFoundException when there is no such provider
     * @throws io.signalbox.registry.common.StaleRevisionException when the provider changed since
     * @throws AlreadyExistsException when another provider has the name
     */
    @Transactional
    public Provider update(UUID id, @Nullable Long expectedRevision, ProviderSpec spec,
            @Nullable Map<String, String> credentials) {
        Provider provider = get(id);
        if (expectedRevision != null) {
            provider.requireRevision(ENTITY, expectedRevision);
        }
        if (providers.existsByNameAndIdNot(spec.name(), id)) {
            throw nameTaken(spec.name());
        }
        Provider.AuditState before = provider.auditState();
        provider.update(spec, clock.instant());
        if (credentials != null) {
            provider.storeCredentials(credentials.isEmpty() ? null : seal(id, credentials), clock.instant());
        }
        changes.updated(ENTITY, id, before, provider.auditState());
        providers.flush();
        return provider;
    }

    /**
     * Re-encrypts every provider's credentials under the active key, so that older keys can be removed
     * from the configuration afterwards.
     *
     * @return how many providers were re-encrypted
     */
    @Transactional
    public int reencryptCredentials() {
        String active = cipher.activeKeyId();
        if (active == null) {
            throw ValidationFailedException.of("signalbox.credentials.active-key", "no active key is configured");
        }
        int count = 0;
        for (Provider provider : providers.findAll(Sort.by("createdAt", "id"))) {
            CredentialCipher.Sealed sealed = provider.sealedCredentials();
            if (sealed != null && !sealed.keyId().equals(active)) {
                Provider.AuditState before = provider.auditState();
                provider.storeCredentials(cipher.seal(provider.getId(), cipher.open(provider.getId(), sealed)),
                        clock.instant());
                changes.updated(ENTITY, provider.getId(), before, provider.auditState());
                count++;
            }
        }
        providers.flush();
        return count;
    }

    /** The decrypted credentials; only for code that calls the provider, never for an answer or a log. */
    @Transactional(readOnly = true)
    public Map<String, String> credentials(UUID id) {
        CredentialCipher.Sealed sealed = get(id).sealedCredentials();
        return sealed == null ? Map.of() : ContractJson.mapper().readValue(cipher.open(id, sealed), CREDENTIALS);
    }

    /** @throws InUseException when models still belong to the provider or a tenant's price adjustment names it */
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
        if (providers.hasPriceAdjustments(id)) {
            throw new InUseException(ENTITY, id.toString(), "price-adjustment", "Provider '" + provider.getName()
                    + "' is named by a tenant's price adjustment; delete or change the adjustment first.");
        }
        providers.delete(provider);
        changes.deleted(ENTITY, id, provider.auditState());
    }

    @Transactional(readOnly = true)
    public Page<Provider> list(@Nullable String kind, @Nullable String q, Pageable page) {
        return providers.findAll(new Filters<Provider>().equal("kind", kind).contains("name", q).toSpecification(),
                page);
    }

    /** The provider with this name, if any. */
    @Transactional(readOnly = true)
    public Optional<Provider> findByName(String name) {
        return providers.findByName(name);
    }

    /** @throws NotFoundException when there is no such provider */
    @Transactional(readOnly = true)
    public Provider get(UUID id) {
        return providers.findById(id).orElseThrow(() -> new NotFoundException(ENTITY, id.toString()));
    }

    private CredentialCipher.Sealed seal(UUID providerId, Map<String, String> credentials) {
        if (!cipher.canEncrypt()) {
            throw ValidationFailedException.of("credentials",
                    "cannot be stored: no encryption key is configured (signalbox.credentials.active-key)");
        }
        return cipher.seal(providerId, ContractJson.mapper().writeValueAsString(new TreeMap<>(credentials)));
    }

    private static AlreadyExistsException nameTaken(String name) {
        return new AlreadyExistsException(ENTITY, "name", "A provider named '" + name + "' already exists.");
    }
}
