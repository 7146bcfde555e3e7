package io.signalbox.cost.storage;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import io.signalbox.cost.lineitem.LineItemPartitions;
import io.signalbox.cost.rollup.RollupTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Creates the line-item partitions of the coming months and applies retention, once at start-up and then
 * on {@code signalbox.cost.storage.maintenance-cron}. Every replica runs it; creation is idempotent and
 * serialised in the database, and dropping what is already dropped does nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(StorageProperties.class)
class StorageMaintenance {

    private static final Logger log = LoggerFactory.getLogger(StorageMaintenance.class);

    private final LineItemPartitions partitions;

    private final JdbcClient jdbc;

    private final StorageProperties properties;

    private final Clock clock;

    StorageMaintenance(LineItemPartitions partitions, JdbcClient jdbc, StorageProperties properties) {
        this.partitions = partitions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartup() {
        run();
    }

    @Scheduled(cron = "${signalbox.cost.storage.maintenance-cron:0 17 3 * * *}", zone = "UTC")
    void run() {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        createAhead(now);
        applyRetention(now);
    }

    /** Partitions for {@code now} and the configured months after it. */
    void createAhead(YearMonth now) {
        for (int i = 0; i <= properties.monthsAhead(); i++) {
            partitions.ensure(now.plusMonths(i));
        }
    }

    /** Drops what retention no longer keeps, counting months back from {@code now}. */
    void applyRetention(YearMonth now) {
        StorageProperties.Retention retention = properties.retention();
        if (retention.lineItemMonths() > 0) {
            List<YearMonth> dropped = partitions.dropBefore(now.minusMonths(retention.lineItemMonths() - 1L));
            if (!dropped.isEmpty()) {
                log.info("Retention dropped the line items of {}", dropped);
            }
        }
        if (retention.rollupMonths() > 0) {
            deleteRollupsBefore(now.minusMonths(retention.rollupMonths() - 1L));
        }
    }

    /** Deletes rollup rows of every month before {@code firstKept}. */
    void deleteRollupsBefore(YearMonth firstKept) {
        for (RollupTable table : RollupTable.values()) {
            int deleted = jdbc.sql("delete from " + table.table() + " where bucket_start < :cutoff")
                    .param("cutoff", firstKept.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                    .update();
            if (deleted > 0) {
                log.info("Retention deleted {} rows of {} before {}", deleted, table.table(), firstKept);
            }
        }
    }
}
