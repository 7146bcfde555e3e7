package io.signalbox.cost.ingest;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Decides how a failed usage message is retried. Unreadable messages are not retried at all (they go
 * straight to the dead-letter topic); an unreachable or busy database is waited out for as long as it
 * takes, so that an outage never turns good events into dead letters; anything else gets a few tries.
 */
final class IngestRetryPolicy {

    private final CostIngestProperties.Retry retry;

    IngestRetryPolicy(CostIngestProperties.Retry retry) {
        this.retry = retry;
    }

    BackOff backOffFor(@Nullable Throwable failure) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        if (!isDatabaseUnavailable(failure)) {
            backOff.setMaxAttempts(retry.maxAttempts());
        }
        return backOff;
    }

    /**
     * Whether the failure means the database could not be reached or lost the connection. A transaction
     * that cannot begin or commit counts too: its cause is the raw driver error, which Spring does not
     * translate, and storing again is safe because storing is idempotent.
     */
    static boolean isDatabaseUnavailable(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException) {
                return true;
            }
        }
        return false;
    }
}
