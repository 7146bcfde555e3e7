package io.signalbox.cost.repricing.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.contracts.catalog.PriceSnapshot;
import io.signalbox.cost.repricing.RepricingRun;
import io.signalbox.cost.statement.Statements;
import io.signalbox.cost.web.Money;
import org.jspecify.annotations.Nullable;

/** A re-pricing run's audit record as the API shows it. */
record RepricingResponse(
        String id,
        boolean dryRun,
        String requestedBy,
        String requestedAt,
        String modelId,
        String from,
        String to,
        String reason,
        Map<String, @Nullable Object> price,
        long lineItems,
        List<Map<String, @Nullable Object>> before,
        List<Map<String, @Nullable Object>> after,
        List<Map<String, @Nullable Object>> correctedStatements) {

    static RepricingResponse of(RepricingRun run) {
        PriceSnapshot price = run.price();
        Map<String, @Nullable Object> priceFields = new LinkedHashMap<>();
        priceFields.put("priceId", price.priceId());
        priceFields.put("currency", price.currency());
        priceFields.put("inputPerMillion", Money.plain(price.inputPerMillion()));
        priceFields.put("outputPerMillion", Money.plain(price.outputPerMillion()));
        priceFields.put("cachedInputPerMillion", Money.plain(price.cachedInputPerMillion()));
        priceFields.put("reasoningPerMillion", Money.plainOrNull(price.reasoningPerMillion()));
        List<Map<String, @Nullable Object>> corrected = new ArrayList<>();
        for (Statements.IssuedRef statement : run.correctedStatements()) {
            Map<String, @Nullable Object> fields = new LinkedHashMap<>();
            fields.put("teamId", statement.teamId());
            fields.put("month", statement.month().toString());
            fields.put("revision", statement.revision());
            fields.put("statementId", statement.statementId().toString());
            corrected.add(fields);
        }
        return new RepricingResponse(run.id().toString(), run.dryRun(), run.requestedBy(), run.requestedAt().toString(),
                run.modelId(), run.from().toString(), run.to().toString(), run.reason(), priceFields, run.lineItems(),
                totals(run.before()), totals(run.after()), corrected);
    }

    private static List<Map<String, @Nullable Object>> totals(List<RepricingRun.Total> totals) {
        List<Map<String, @Nullable Object>> rendered = new ArrayList<>();
        for (RepricingRun.Total total : totals) {
            Map<String, @Nullable Object> fields = new LinkedHashMap<>();
            fields.put("currency", total.currency());
            fields.put("requests", total.requests());
            fields.put("cost", Money.plain(total.cost()));
            rendered.add(fields);
        }
        return rendered;
    }
}
