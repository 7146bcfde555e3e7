package io.signalbox.registry.provider.web;

import java.util.UUID;

import io.signalbox.contracts.identity.ProviderCredentials;
import io.signalbox.kit.security.Roles;
import io.signalbox.kit.security.SignalboxPrincipal;
import io.signalbox.registry.provider.Provider;
import io.signalbox.registry.provider.ProviderService;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway's way to a provider's credentials, so it can call hosted providers. Only the internal
 * service token may read them: credentials are write-only for admins, and an admin token that also
 * passes internal paths must not turn that into a read.
 */
@RestController
class ProviderCredentialsController {

    private final ProviderService providers;

    ProviderCredentialsController(ProviderService providers) {
        this.providers = providers;
    }

    /** 404 for an unknown provider; an empty {@code credentials} object when it has none. */
    @GetMapping("/internal/v1/providers/{id}/credentials")
    ResponseEntity<ProviderCredentials> credentials(@PathVariable UUID id) {
        boolean service = SignalboxPrincipal.current().map(p -> p.roles().contains(Roles.INTERNAL)).orElse(false);
        if (!service) {
            ErrorResponseException refused = new ErrorResponseException(HttpStatus.FORBIDDEN);
            refused.setDetail("Provider credentials are readable only with the internal service token.");
            throw refused;
        }
        Provider provider = providers.get(id);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new ProviderCredentials(id.toString(), provider.getKind(), providers.credentials(id)));
    }
}
