package io.signalbox.cost.access;

/** A team-scoped caller asked for something beyond its team; answered 403. */
public class TeamScopeException extends RuntimeException {

    private final String team;

    TeamScopeException(String caller, String team, String what) {
        super("'" + caller + "' is scoped to team '" + team + "' and may not use " + what + ".");
        this.team = team;
    }

    /** The team the caller is confined to. */
    public String team() {
        return team;
    }
}
