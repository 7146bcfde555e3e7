package io.signalbox.contracts.catalog;

import org.jspecify.annotations.Nullable;

/**
 * A pool's endpoint-picker configuration: scorer weights and saturation thresholds. Each value left null takes
 * routing-service's default ({@code signalbox.routing.endpoints.*}).
 *
 * @param prefixWeight weight of prefix-cache affinity
 * @param queueWeight weight of the shortest waiting queue
 * @param kvWeight weight of free KV cache
 * @param loraWeight weight of the requested LoRA adapter being loaded
 * @param queueThreshold waiting requests above which an endpoint is saturated
 * @param kvThreshold KV-cache use (0..1) above which an endpoint is saturated
 */
public record PickerSettings(
        @Nullable Double prefixWeight,
        @Nullable Double queueWeight,
        @Nullable Double kvWeight,
        @Nullable Double loraWeight,
        @Nullable Double queueThreshold,
        @Nullable Double kvThreshold) {

    /** Whether nothing is set, so the defaults apply throughout. */
    public boolean isEmpty() {
        return prefixWeight == null && queueWeight == null && kvWeight == null && loraWeight == null
                && queueThreshold == null && kvThreshold == null;
    }
}
