package io.signalbox.cost.access;

import java.util.Optional;
import java.util.Set;

import io.signalbox.kit.security.SignalboxPrincipal;

/**
 * Confines a team-scoped caller to its team. {@code finance}, {@code viewer} and {@code admin} credentials
 * without a team see every team; a credential with a team (a static token's {@code team}, a JWT's team
 * claim) sees only that team, whatever its roles, and is refused rather than silently narrowed when it
 * names another team.
 */
public final class TeamScope {

    private TeamScope() {
    }

    /** The team the current caller is confined to, if any. */
    public static Optional<String> currentTeam() {
        return SignalboxPrincipal.current().map(SignalboxPrincipal::team);
    }

    /**
     * The teams a query may cover: for a scoped caller its own team (when it asked for no team or for just
     * its own), for anyone else what was asked (empty: every team).
     *
     * @throws TeamScopeException when a scoped caller asks for another team
     */
    public static Set<String> teams(Set<String> asked) {
        Optional<SignalboxPrincipal> principal = SignalboxPrincipal.current().filter(SignalboxPrincipal::teamScoped);
        if (principal.isEmpty()) {
            return asked;
        }
        String team = principal.get().team();
        if (asked.isEmpty() || asked.equals(Set.of(team))) {
            return Set.of(team);
        }
        throw new TeamScopeException(principal.get().name(), team, "the teams " + asked);
    }

    /** @throws TeamScopeException when a scoped caller asks for another team than its own */
    public static void requireTeam(String teamId) {
        teams(Set.of(teamId));
    }

    /**
     * For operations that span teams (re-pricing a model for everyone).
     *
     * @throws TeamScopeException when the caller is team-scoped
     */
    public static void requireUnscoped(String what) {
        Optional<SignalboxPrincipal> principal = SignalboxPrincipal.current().filter(SignalboxPrincipal::teamScoped);
        if (principal.isPresent()) {
            throw new TeamScopeException(principal.get().name(), principal.get().team(), what);
        }
    }
}
