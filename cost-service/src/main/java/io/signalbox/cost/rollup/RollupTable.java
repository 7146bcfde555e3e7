package io.signalbox.cost.rollup;

import java.time.Duration;

/**
 * The four rollup tables: plain and per-tag, by UTC hour and by UTC day. A row's bucket is the start of
 * its hour or day in UTC; its key is the bucket, tenant, team, key, model (id and name), provider, route and
 * currency, and for tag rollups also the tag name and value.
 */
public enum RollupTable {

    HOURLY("cost_rollups_hourly", "hour", false),
    DAILY("cost_rollups_daily", "day", false),
    TAG_HOURLY("cost_tag_rollups_hourly", "hour", true),
    TAG_DAILY("cost_tag_rollups_daily", "day", true);

    /** The key columns every rollup shares, after its bucket (and tag name and value). */
    public static final String DIMENSION_COLUMNS =
            "tenant_id, team_id, key_id, model_id, model_name, provider_id, route_alias, currency";

    /** The additive measures every rollup holds. */
    public static final String MEASURE_COLUMNS = "requests, prompt_tokens, completion_tokens, cached_prompt_tokens, "
            + "reasoning_tokens, estimated_requests, unpriced_requests, cost";

    private final String table;

    private final String grain;

    private final boolean tags;

    RollupTable(String table, String grain, boolean tags) {
        this.table = table;
        this.grain = grain;
        this.tags = tags;
    }

    public String table() {
        return table;
    }

    /** The {@code date_trunc} field of the bucket: {@code hour} or {@code day}. */
    public String grain() {
        return grain;
    }

    public Duration grainDuration() {
        return "hour".equals(grain) ? Duration.ofHours(1) : Duration.ofDays(1);
    }

    public boolean tags() {
        return tags;
    }

    /** The tag rollup of the same grain; a tag rollup is its own. */
    public RollupTable withTags() {
        return switch (this) {
            case HOURLY, TAG_HOURLY -> TAG_HOURLY;
            case DAILY, TAG_DAILY -> TAG_DAILY;
        };
    }
}
