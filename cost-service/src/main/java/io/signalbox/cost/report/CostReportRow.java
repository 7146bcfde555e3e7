package io.signalbox.cost.report;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One group's figures in one currency. {@code groups} holds one label per grouping dimension, in the
 * query's order ({@link Dimension#NONE} where an item had no value). {@code currency} is null for
 * requests that carried no price: they are counted (requests, tokens) at cost zero so that finance sees
 * them rather than losing them.
 *
 * @param period the first day of the calendar bucket, null when the report has none
 */
public record CostReportRow(List<String> groups, @Nullable LocalDate period, @Nullable String currency,
        Measures measures) {

    public CostReportRow {
        groups = List.copyOf(groups);
    }

    /** The group labels as one string, joined with {@code " / "}. */
    public String label() {
        return String.join(" / ", groups);
    }
}
