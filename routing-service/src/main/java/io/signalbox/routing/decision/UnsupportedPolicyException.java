package io.signalbox.routing.decision;

import java.util.Set;

/** A route names a policy type this routing-service does not have (a newer registry, or a typo). */
public class UnsupportedPolicyException extends RuntimeException {

    UnsupportedPolicyException(String alias, String policyType, Set<String> supported) {
        super("Route '" + alias + "' uses policy type '" + policyType
                + "', which this routing-service does not support (supported: " + String.join(", ", supported) + ").");
    }
}
