package io.signalbox.cost.lineitem;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly partitions of {@code line_items} (calendar months in UTC, named {@code line_items_yYYYYmMM}).
 * A maintenance job creates them ahead of time; the ingest still asks for the months of every batch, so an
 * event from any month (a replay of last year, a clock far ahead) finds its partition instead of failing.
 * Months known to exist are remembered, so that check costs nothing on the hot path.
 *
 * <p>Partitions are created by the SQL function {@code cost_line_item_partition} (migration V2), which
 * serialises creators with an advisory lock; each creation commits on its own, before the batch's
 * transaction starts, so the batch never holds the catalog lock.
 */
@Component
public class LineItemPartitions {

    private static final Logger log = LoggerFactory.getLogger(LineItemPartitions.class);

    private static final Pattern NAME = Pattern.compile("line_items_y(\\d{4})m(\\d{2})");

    private final JdbcClient jdbc;

    private final TransactionTemplate ownTransaction;

    private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

    LineItemPartitions(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Makes sure the partitions for the months of these items exist. */
    public void ensureFor(Collection<LineItem> items) {
        Set<YearMonth> months = new TreeSet<>();
        for (LineItem item : items) {
            months.add(YearMonth.from(item.usage().startedAt().atOffset(ZoneOffset.UTC)));
        }
        months.forEach(this::ensure);
    }

    /** Makes sure the month's partition exists. */
    public void ensure(YearMonth month) {
        if (known.contains(month)) {
            return;
        }
        String name = ownTransaction.execute(status -> jdbc.sql("select cost_line_item_partition(:month)")
                .param("month", month.atDay(1))
                .query(String.class)
                .single());
        log.debug("Line-item partition {} is in place", name);
        known.add(month);
    }

    /**
     * Forgets which partitions exist, so the next {@link #ensure} asks the database again (after a write
     * found no partition, because another replica's retention dropped one this replica remembered).
     */
    public void forget() {
        known.clear();
    }

    /** The months that have a partition, oldest first. */
    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (String name : partitionNames()) {
            Matcher matcher = NAME.matcher(name);
            if (matcher.matches()) {
                months.add(YearMonth.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
            }
        }
        months.sort(null);
        return months;
    }

    /**
     * Drops the partitions of every month before {@code firstKept}: their line items are gone for good
     * (rollups and issued statements are kept).
     *
     * @return the months dropped
     */
    public List<YearMonth> dropBefore(YearMonth firstKept) {
        List<YearMonth> dropped = new ArrayList<>();
        for (YearMonth month : months()) {
            if (month.isBefore(firstKept)) {
                String name = name(month);
                ownTransaction.executeWithoutResult(status -> {
                    jdbc.sql("select pg_advisory_xact_lock(hashtext('signalbox.cost.line_item_partitions'))")
                            .query().singleRow();
                    jdbc.sql("drop table if exists " + name).update();
                });
                known.remove(month);
                dropped.add(month);
                log.info("Dropped line-item partition {} (retention keeps {} and later)", name, firstKept);
            }
        }
        return dropped;
    }

    static String name(YearMonth month) {
        return "line_items_y%04dm%02d".formatted(month.getYear(), month.getMonthValue());
    }

    private List<String> partitionNames() {
        return jdbc.sql("""
                select c.relname from pg_inherits i
                  join pg_class c on c.oid = i.inhrelid
                 where i.inhparent = 'line_items'::regclass
                """).query(String.class).list();
    }
}
