package io.signalbox.cost.statement.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.cost.report.CurrencyTotal;
import io.signalbox.cost.statement.Statement;
import io.signalbox.cost.statement.StatementLine;
import io.signalbox.cost.web.CsvTable;
import io.signalbox.cost.web.Money;
import org.jspecify.annotations.Nullable;

/**
 * A statement as the API shows it. {@code status} is {@code draft} (figures as of now) or {@code issued}
 * (frozen); the issuance fields are null for a draft. CSV has one line per statement line.
 */
record StatementResponse(
        String teamId,
        String month,
        String from,
        String to,
        String status,
        @Nullable String statementId,
        @Nullable Integer revision,
        @Nullable String issuedAt,
        @Nullable String issuedBy,
        @Nullable String corrects,
        @Nullable String reason,
        @Nullable String repricingRunId,
        List<Map<String, @Nullable Object>> lines,
        List<Map<String, @Nullable Object>> totals) implements CsvTable {

    static final List<String> COLUMNS = List.of("model", "currency", "requests", "promptTokens", "completionTokens",
            "cachedPromptTokens", "reasoningTokens", "estimatedRequests", "tokensEstimated", "unpricedRequests", "cost");

    static StatementResponse of(Statement statement) {
        List<Map<String, @Nullable Object>> lines = new ArrayList<>();
        for (StatementLine line : statement.lines()) {
            Map<String, @Nullable Object> fields = new LinkedHashMap<>();
            fields.put("model", line.model());
            fields.put("currency", line.currency());
            fields.put("requests", line.measures().requests());
            fields.put("promptTokens", line.measures().promptTokens());
            fields.put("completionTokens", line.measures().completionTokens());
            fields.put("cachedPromptTokens", line.measures().cachedPromptTokens());
            fields.put("reasoningTokens", line.measures().reasoningTokens());
            fields.put("estimatedRequests", line.measures().estimatedRequests());
            fields.put("tokensEstimated", line.tokensEstimated());
            fields.put("unpricedRequests", line.measures().unpricedRequests());
            fields.put("cost", Money.plain(line.measures().cost()));
            lines.add(fields);
        }
        List<Map<String, @Nullable Object>> totals = new ArrayList<>();
        for (CurrencyTotal total : statement.totals()) {
            Map<String, @Nullable Object> fields = new LinkedHashMap<>();
            fields.put("currency", total.currency());
            fields.put("requests", total.measures().requests());
            fields.put("estimatedRequests", total.measures().estimatedRequests());
            fields.put("cost", Money.plain(total.measures().cost()));
            totals.add(fields);
        }
        Statement.Issue issue = statement.issue();
        return new StatementResponse(statement.teamId(), statement.month().toString(), statement.from().toString(),
                statement.to().toString(), issue == null ? "draft" : "issued",
                issue == null ? null : issue.id().toString(),
                issue == null ? null : issue.revision(),
                issue == null ? null : issue.issuedAt().toString(),
                issue == null ? null : issue.issuedBy(),
                issue == null || issue.corrects() == null ? null : issue.corrects().toString(),
                issue == null ? null : issue.reason(),
                issue == null || issue.repricingRunId() == null ? null : issue.repricingRunId().toString(),
                lines, totals);
    }

    @Override
    public List<String> csvHeader() {
        return COLUMNS;
    }

    @Override
    public List<List<@Nullable String>> csvRows() {
        List<List<@Nullable String>> rows = new ArrayList<>();
        for (Map<String, @Nullable Object> line : lines) {
            List<@Nullable String> cells = new ArrayList<>();
            for (String column : COLUMNS) {
                Object value = line.get(column);
                cells.add(value == null ? null : value.toString());
            }
            rows.add(cells);
        }
        return rows;
    }
}
