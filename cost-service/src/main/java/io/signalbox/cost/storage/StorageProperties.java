package io.signalbox.cost.storage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.cost.storage.*}: how far ahead line-item partitions are created, when the upkeep runs,
 * and how long line items and rollups are kept.
 *
 * @param monthsAhead partitions are created for the current month and this many after it
 * @param maintenanceCron when partitions are created and retention applied (also once at start-up)
 * @param retention how many months are kept
 */
@Validated
@ConfigurationProperties("signalbox.cost.storage")
record StorageProperties(
        @DefaultValue("3") @Min(1) int monthsAhead,
        @DefaultValue("0 17 3 * * *") @NotBlank String maintenanceCron,
        @DefaultValue @Valid @NotNull Retention retention) {

    /**
     * Months are calendar months in UTC, counted back from the current one: {@code lineItemMonths = 13}
     * keeps this month and the twelve before it. 0 keeps forever (the default). Dropping line items keeps
     * rollups (reports over those months still answer from rollups), issued statements and re-pricing runs.
     *
     * @param lineItemMonths months of line items to keep; older month partitions are dropped
     * @param rollupMonths months of rollups to keep; older rollup rows are deleted
     */
    record Retention(
            @DefaultValue("0") @Min(0) int lineItemMonths,
            @DefaultValue("0") @Min(0) int rollupMonths) {
    }
}
