package io.signalbox.cost.ingest;

import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

class IngestRetryPolicyTests {

    private final IngestRetryPolicy policy = new IngestRetryPolicy(
            new CostIngestProperties.Retry(Duration.ofMillis(500), Duration.ofSeconds(30), 4));

    @Test
    void waitsOutADatabaseOutageForAsLongAsItLasts() {
        Exception outage = new ListenerExecutionFailedException("listener failed",
                new CannotGetJdbcConnectionException("connection refused"));

        assertThat(attemptsBeforeGivingUp(policy.backOffFor(outage))).as("never gives up").isEqualTo(-1);
        assertThat(attemptsBeforeGivingUp(policy.backOffFor(new QueryTimeoutException("slow")))).isEqualTo(-1);
    }

    @Test
    void aTransactionThatCannotBeginOrCommitIsAnOutageToo() {
        Exception cannotBegin = new BatchListenerFailedException("store failed",
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                        new SQLException("Connection refused", "08001")), 0);
        Exception cannotCommit = new TransactionSystemException("Could not commit JDBC transaction");

        assertThat(attemptsBeforeGivingUp(policy.backOffFor(cannotBegin))).as("never gives up").isEqualTo(-1);
        assertThat(attemptsBeforeGivingUp(policy.backOffFor(cannotCommit))).isEqualTo(-1);
    }

    @Test
    void givesUpOnOtherFailuresAfterTheConfiguredAttempts() {
        Exception broken = new ListenerExecutionFailedException("listener failed",
                new DataIntegrityViolationException("value too long"));

        assertThat(attemptsBeforeGivingUp(policy.backOffFor(broken))).isEqualTo(4);
    }

    @Test
    void backsOffExponentiallyUpToTheMaximumInterval() {
        BackOffExecution execution = policy.backOffFor(new CannotGetJdbcConnectionException("down")).start();

        assertThat(execution.nextBackOff()).isEqualTo(500);
        assertThat(execution.nextBackOff()).isEqualTo(1000);
        for (int i = 0; i < 20; i++) {
            execution.nextBackOff();
        }
        assertThat(execution.nextBackOff()).isEqualTo(30_000);
    }

    /** How many retries the back-off allows, or -1 when it still retries after 1000. */
    private static int attemptsBeforeGivingUp(BackOff backOff) {
        BackOffExecution execution = backOff.start();
        for (int attempt = 0; attempt < 1000; attempt++) {
            if (execution.nextBackOff() == BackOffExecution.STOP) {
                return attempt;
            }
        }
        return -1;
    }
}
