package io.signalbox.cost.report;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.signalbox.cost.rollup.RollupTable;

/**
 * Builds a report's SQL. Every source (line items, a rollup, a tag rollup) is first shaped into the same
 * relation: a time {@code t}, the dimension columns, {@code tag}, and additive measures (a line item counts
 * one request). One outer query then groups that relation, so a report computes its groups the same way
 * whatever it reads.
 *
 * <p>Tags from rollups: the tag rollup holds, per tag value, the items that carry the tag. The items that do
 * not, the {@code (none)} group, are the plain rollup minus the tag rollup for that name: the plain rows
 * are added and the tag rows subtracted, both exact sums, and groups that come to zero requests vanish.
 *
 * <p>Only constants of this code go into the SQL text; every value from a request is a bind parameter.
 */
final class CostReportSql {

    private static final String DIMENSIONS =
            "tenant_id, team_id, key_id, model_id, model_name, provider_id, route_alias, currency";

    private static final String MEASURES = "requests, prompt_tokens, completion_tokens, cached_prompt_tokens, "
            + "reasoning_tokens, estimated_requests, unpriced_requests, cost";

    private static final String NEGATED_MEASURES = "-requests, -prompt_tokens, -completion_tokens, -cached_prompt_tokens, "
            + "-reasoning_tokens, -estimated_requests, -unpriced_requests, -cost";

    private static final String LINE_ITEM_MEASURES = """
            1 as requests, coalesce(prompt_tokens, 0) as prompt_tokens, coalesce(completion_tokens, 0) as completion_tokens,
            coalesce(cached_prompt_tokens, 0) as cached_prompt_tokens, coalesce(reasoning_tokens, 0) as reasoning_tokens,
            case when tokens_estimated then 1 else 0 end as estimated_requests,
            case when unpriced then 1 else 0 end as unpriced_requests, cost""";

    private CostReportSql() {
    }

    /** SQL text and its bind parameters. */
    record Statement(String sql, Map<String, Object> params) {
    }

    static Statement build(CostReportQuery query, ReportSource source) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        params.put("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        boolean tags = query.groupBy().contains(Dimension.TAG) || !query.filter(Dimension.TAG).isEmpty();
        if (tags) {
            params.put("tagName", Objects.requireNonNull(query.tagName()));
        }
        String filters = dimensionFilters(query, params);
        RollupTable rollup = source.rollup();
        String relation = rollup == null
                ? lineItems(query, tags, filters, params)
                : rollups(query, rollup, tags, filters, params);

        List<String> select = new ArrayList<>();
        for (int i = 0; i < query.groupBy().size(); i++) {
            select.add(query.groupBy().get(i).expression() + " as g" + i);
        }
        if (query.bucket() != null) {
            select.add(period(query, params) + " as period");
        }
        select.add("currency");
        int groupColumns = select.size();
        List<String> positions = new ArrayList<>();
        for (int i = 1; i <= groupColumns; i++) {
            positions.add(Integer.toString(i));
        }
        String sql = "select " + String.join(", ", select) + ",\n"
                + "       sum(requests) as requests, sum(prompt_tokens) as prompt_tokens,\n"
                + "       sum(completion_tokens) as completion_tokens, sum(cached_prompt_tokens) as cached_prompt_tokens,\n"
                + "       sum(reasoning_tokens) as reasoning_tokens, sum(estimated_requests) as estimated_requests,\n"
                + "       sum(unpriced_requests) as unpriced_requests, sum(cost) as cost\n"
                + "  from (" + relation + ") s\n"
                + " group by " + String.join(", ", positions) + "\n"
                + " having sum(requests) <> 0";
        return new Statement(sql, params);
    }

    private static String lineItems(CostReportQuery query, boolean tags, String filters, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder("select occurred_at as t, ").append(DIMENSIONS).append(", ")
                .append(tags ? "tags ->> :tagName" : "null::text").append(" as tag, ").append(LINE_ITEM_MEASURES)
                .append("\n  from line_items where occurred_at >= :from and occurred_at < :to").append(filters);
        Set<String> tagValues = query.filter(Dimension.TAG);
        if (!tagValues.isEmpty()) {
            sql.append(" and (").append(inList("tags ->> :tagName", "f_tag", tagValues, params)).append(")");
        }
        return sql.toString();
    }

    private static String rollups(CostReportQuery query, RollupTable plain, boolean tags, String filters,
            Map<String, Object> params) {
        String range = " where bucket_start >= :from and bucket_start < :to" + filters;
        if (!tags) {
            return "select bucket_start as t, " + DIMENSIONS + ", null::text as tag, " + MEASURES
                    + " from " + plain.table() + range;
        }
        RollupTable tagged = plain.withTags();
        String ofTag = range + " and tag_name = :tagName";
        Set<String> wanted = query.filter(Dimension.TAG);
        Set<String> values = withoutNone(wanted);
        boolean withValues = wanted.isEmpty() || !values.isEmpty();
        boolean withNone = wanted.isEmpty() || wanted.contains(Dimension.NONE);
        List<String> parts = new ArrayList<>();
        if (withValues) {
            String valueFilter = "";
            if (!values.isEmpty()) {
                params.put("f_tag", values);
                valueFilter = " and tag_value in (:f_tag)";
            }
            parts.add("select bucket_start as t, " + DIMENSIONS + ", tag_value as tag, " + MEASURES
                    + " from " + tagged.table() + ofTag + valueFilter);
        }
        if (withNone) {
            parts.add("select bucket_start as t, " + DIMENSIONS + ", null::text as tag, " + MEASURES
                    + " from " + plain.table() + range);
            parts.add("select bucket_start as t, " + DIMENSIONS + ", null::text as tag, " + NEGATED_MEASURES
                    + " from " + tagged.table() + ofTag);
        }
        return String.join("\n union all\n", parts);
    }

    /** {@code and (...)} for every filtered dimension but tags; the same columns exist in every source. */
    private static String dimensionFilters(CostReportQuery query, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder();
        for (Map.Entry<Dimension, Set<String>> filter : query.filters().entrySet()) {
            Dimension dimension = filter.getKey();
            if (dimension == Dimension.TAG) {
                continue;
            }
            String parameter = "f_" + dimension.apiName();
            String condition = dimension == Dimension.MODEL
                    ? modelFilter(parameter, filter.getValue(), params)
                    : inList(dimension.expression(), parameter, filter.getValue(), params);
            sql.append(" and (").append(condition).append(")");
        }
        return sql.toString();
    }

    private static String modelFilter(String parameter, Set<String> wanted, Map<String, Object> params) {
        Set<String> values = withoutNone(wanted);
        List<String> alternatives = new ArrayList<>();
        if (!values.isEmpty()) {
            params.put(parameter, values);
            alternatives.add("model_id in (:" + parameter + ")");
            alternatives.add("model_name in (:" + parameter + ")");
        }
        if (wanted.contains(Dimension.NONE)) {
            alternatives.add("(model_id is null and model_name is null)");
        }
        return String.join(" or ", alternatives);
    }

    private static String inList(String expression, String parameter, Set<String> wanted, Map<String, Object> params) {
        Set<String> values = withoutNone(wanted);
        List<String> alternatives = new ArrayList<>();
        if (!values.isEmpty()) {
            params.put(parameter, values);
            alternatives.add(expression + " in (:" + parameter + ")");
        }
        if (wanted.contains(Dimension.NONE)) {
            alternatives.add(expression + " is null");
        }
        return String.join(" or ", alternatives);
    }

    private static Set<String> withoutNone(Set<String> values) {
        Set<String> without = new LinkedHashSet<>(values);
        without.remove(Dimension.NONE);
        return without;
    }

    /**
     * The first day of the item's calendar bucket in the report's zone. Fixed offsets are added as an interval,
     * because PostgreSQL reads an offset given as a zone name with the POSIX sign (east negative).
     */
    private static String period(CostReportQuery query, Map<String, Object> params) {
        String field = Objects.requireNonNull(query.bucket()).field();
        if (query.zone() instanceof ZoneOffset offset) {
            params.put("offsetSeconds", offset.getTotalSeconds());
            return "date_trunc('" + field + "', (t at time zone 'UTC') + make_interval(secs => :offsetSeconds))::date";
        }
        params.put("zone", query.zone().getId());
        return "date_trunc('" + field + "', t at time zone :zone)::date";
    }
}
