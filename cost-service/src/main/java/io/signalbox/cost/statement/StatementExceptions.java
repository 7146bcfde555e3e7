package io.signalbox.cost.statement;

import java.time.YearMonth;

/** Why a statement cannot be issued or found; the web adapter maps each to a problem. */
public final class StatementExceptions {

    private StatementExceptions() {
    }

    /** The month has not ended yet: its figures may still grow. */
    public static final class PeriodOpen extends RuntimeException {

        PeriodOpen(String teamId, YearMonth month) {
            super("The statement of team '" + teamId + "' for " + month + " cannot be issued before the month has ended.");
        }
    }

    /** Issued statements never change; a new revision only comes from a correction. */
    public static final class AlreadyIssued extends RuntimeException {

        private final int revision;

        AlreadyIssued(String teamId, YearMonth month, int revision) {
            super("The statement of team '" + teamId + "' for " + month + " was already issued (revision " + revision
                    + "); issued statements never change. A re-pricing run may issue a correcting revision.");
            this.revision = revision;
        }

        public int revision() {
            return revision;
        }
    }

    /** No such issued revision. */
    public static final class RevisionNotFound extends RuntimeException {

        RevisionNotFound(String teamId, YearMonth month, int revision) {
            super("Team '" + teamId + "' has no issued statement revision " + revision + " for " + month + ".");
        }
    }
}
