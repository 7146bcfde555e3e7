package io.signalbox.telemetry.window;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.telemetry.windows.*}: how many series each dimension may hold. Keys come from the registry
 * (models, endpoints, providers, routes) or from authenticated tenants, but a cap keeps memory bounded whatever
 * happens: past it, new keys are counted under {@value SeriesTable#OVERFLOW} and in
 * {@code signalbox_telemetry_window_overflow_total}. A series idle for over an hour is dropped, which frees its
 * place. With the defaults (1,500 series) memory stays under about 15 MB at typical traffic and under about
 * 240 MB in the worst case (every slot of every series full of widely spread latencies; see
 * {@link WindowSeries}); {@code signalbox_telemetry_window_footprint_bytes} shows the estimate.
 */
@Validated
@ConfigurationProperties("signalbox.telemetry.windows")
public record WindowProperties(@DefaultValue @Valid MaxSeries maxSeries) {

    /** The cap of each dimension. */
    public record MaxSeries(
            @DefaultValue("200") @Min(1) int models,
            @DefaultValue("400") @Min(1) int endpoints,
            @DefaultValue("50") @Min(1) int providers,
            @DefaultValue("500") @Min(1) int tenants,
            @DefaultValue("200") @Min(1) int routes) {

        int of(Dimension dimension) {
            return switch (dimension) {
                case MODEL -> models;
                case ENDPOINT -> endpoints;
                case PROVIDER -> providers;
                case TENANT -> tenants;
                case ROUTE -> routes;
            };
        }
    }
}
