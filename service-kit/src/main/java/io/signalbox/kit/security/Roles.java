package io.signalbox.kit.security;

/** The roles of {@link SignalboxPrincipal}. */
public final class Roles {

    /** Reads and writes the admin API; may also call internal paths. */
    public static final String ADMIN = "admin";

    /** Reads the admin API. */
    public static final String VIEWER = "viewer";

    /** Reads the finance paths of the admin API (prices, tenants, teams, cost reports). */
    public static final String FINANCE = "finance";

    /** Another Signalbox service, on internal paths. */
    public static final String INTERNAL = "internal";

    private Roles() {
    }
}
