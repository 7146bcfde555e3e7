package io.signalbox.kit.security;

import java.util.Optional;
import java.util.Set;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The authenticated caller of a guarded path: a name for audit logs and the roles it holds. The
 * security filter puts it on the request before the request reaches a controller.
 *
 * @param name who is calling, e.g. {@code admin}, the name of a configured token, or a JWT subject
 * @param roles {@code admin}, {@code viewer}, {@code finance}, {@code internal}
 */
public record SignalboxPrincipal(String name, Set<String> roles) {

    /** The request attribute holding the principal. */
    public static final String REQUEST_ATTRIBUTE = SignalboxPrincipal.class.getName();

    public SignalboxPrincipal {
        roles = Set.copyOf(roles);
    }

    /** The principal of the request this thread is serving, if it passed the security filter. */
    public static Optional<SignalboxPrincipal> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return Optional.empty();
        }
        return attributes.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof SignalboxPrincipal principal
                ? Optional.of(principal) : Optional.empty();
    }
}
