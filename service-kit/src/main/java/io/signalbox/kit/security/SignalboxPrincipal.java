package io.signalbox.kit.security;

import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The authenticated caller of a guarded path: a name for audit logs, the roles it holds and, for a
 * team-scoped credential, the one team whose data it may see. The security filter puts it on the request
 * before the request reaches a controller. Roles decide which paths a caller may use; the team narrows
 * what a service shows on them, which only the service can enforce (it knows which rows belong to which
 * team).
 *
 * @param name who is calling, e.g. {@code admin}, the name of a configured token, or a JWT subject
 * @param roles {@code admin}, {@code viewer}, {@code finance}, {@code internal}
 * @param team the team a team-scoped credential is confined to; null for a credential that is not scoped
 */
public record SignalboxPrincipal(String name, Set<String> roles, @Nullable String team) {

    /** The request attribute holding the principal. */
    public static final String REQUEST_ATTRIBUTE = SignalboxPrincipal.class.getName();

    public SignalboxPrincipal {
        roles = Set.copyOf(roles);
    }

    /** A caller that is not confined to a team. */
    public SignalboxPrincipal(String name, Set<String> roles) {
        this(name, roles, null);
    }

    /** Whether this caller may only see one team's data ({@link #team()}). */
    public boolean teamScoped() {
        return team != null;
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
