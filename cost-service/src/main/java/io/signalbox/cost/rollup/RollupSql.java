package io.signalbox.cost.rollup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL that folds a set of line-item changes into every rollup. Writers put it into the same statement
 * as their change to {@code line_items} (a data-modifying CTE), so the line items and the rollups move
 * together or not at all, and a line item whose insert was skipped as a duplicate never reaches a rollup.
 *
 * <p>The changes come from a relation (a CTE) named by the caller with the columns {@code occurred_at},
 * the dimension columns of {@link RollupTable#DIMENSION_COLUMNS}, {@code tags} (jsonb) and the signed
 * measures of {@link RollupTable#MEASURE_COLUMNS}: an inserted item counts {@code +1} request and its
 * tokens and cost; re-pricing takes an item out with {@code -1} and puts it back priced anew.
 *
 * <p>Rows are upserted in key order, so two transactions that touch the same rollup rows lock them in the
 * same order and cannot deadlock on them.
 */
public final class RollupSql {

    private static final String KEY = "bucket_start, " + RollupTable.DIMENSION_COLUMNS;

    private static final String TAG_KEY = "tag_name, bucket_start, tag_value, " + RollupTable.DIMENSION_COLUMNS;

    private RollupSql() {
    }

    /**
     * Comma-separated CTEs ({@code name as (insert ...)}) that add {@code source} to all four rollups; put
     * them after the CTE that defines {@code source}.
     */
    public static String upsertCtes(String source) {
        List<String> ctes = new ArrayList<>();
        for (RollupTable table : RollupTable.values()) {
            ctes.add("rollup_" + table.name().toLowerCase(Locale.ROOT) + " as (" + upsert(table, source) + ")");
        }
        return String.join(",\n", ctes);
    }

    private static String upsert(RollupTable table, String source) {
        String bucket = "date_trunc('" + table.grain() + "', s.occurred_at, 'UTC')";
        String sums = "sum(s.requests), sum(s.prompt_tokens), sum(s.completion_tokens), sum(s.cached_prompt_tokens), "
                + "sum(s.reasoning_tokens), sum(s.estimated_requests), sum(s.unpriced_requests), sum(s.cost)";
        String dimensions = "s.tenant_id, s.team_id, s.key_id, s.model_id, s.model_name, s.provider_id, s.route_alias, s.currency";
        String select;
        String key;
        int keyColumns;
        if (table.tags()) {
            select = "select t.key, " + bucket + ", t.value, " + dimensions + ", " + sums
                    + " from " + source + " s cross join lateral jsonb_each_text(s.tags) as t";
            key = TAG_KEY;
            keyColumns = 11;
        }
        else {
            select = "select " + bucket + ", " + dimensions + ", " + sums + " from " + source + " s";
            key = KEY;
            keyColumns = 9;
        }
        String positions = positions(keyColumns);
        return "insert into " + table.table() + " as r (" + key + ", " + RollupTable.MEASURE_COLUMNS + ") "
                + select + " group by " + positions + " order by " + positions
                + " on conflict (" + key + ") do update set "
                + "requests = r.requests + excluded.requests, "
                + "prompt_tokens = r.prompt_tokens + excluded.prompt_tokens, "
                + "completion_tokens = r.completion_tokens + excluded.completion_tokens, "
                + "cached_prompt_tokens = r.cached_prompt_tokens + excluded.cached_prompt_tokens, "
                + "reasoning_tokens = r.reasoning_tokens + excluded.reasoning_tokens, "
                + "estimated_requests = r.estimated_requests + excluded.estimated_requests, "
                + "unpriced_requests = r.unpriced_requests + excluded.unpriced_requests, "
                + "cost = r.cost + excluded.cost";
    }

    private static String positions(int count) {
        StringBuilder positions = new StringBuilder("1");
        for (int i = 2; i <= count; i++) {
            positions.append(", ").append(i);
        }
        return positions.toString();
    }
}
