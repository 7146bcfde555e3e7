package io.signalbox.registry.audit;

import io.signalbox.kit.security.SignalboxPrincipal;
import org.springframework.stereotype.Component;

/**
 * Who is making the current change: the authenticated caller of the admin API, as service-kit's
 * security filter named it; {@code system} for changes the service makes by itself.
 */
@Component
public class Actors {

    public static final String SYSTEM = "system";

    public String current() {
        return SignalboxPrincipal.current().map(SignalboxPrincipal::name).orElse(SYSTEM);
    }
}
