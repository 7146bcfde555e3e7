package io.signalbox.cost.budget;

import java.util.UUID;

/** An update named a revision that is no longer the budget's current one (answered 412). */
public class StaleBudgetRevisionException extends RuntimeException {

    private final UUID id;

    private final long currentRevision;

    public StaleBudgetRevisionException(UUID id, long expected, long currentRevision) {
        super("Budget " + id + " is at revision " + currentRevision + ", not " + expected
                + "; read it again and repeat the change.");
        this.id = id;
        this.currentRevision = currentRevision;
    }

    public UUID id() {
        return id;
    }

    public long currentRevision() {
        return currentRevision;
    }
}
