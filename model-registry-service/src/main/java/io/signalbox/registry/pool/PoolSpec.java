package io.signalbox.registry.pool;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import io.signalbox.contracts.catalog.PickerSettings;
import org.jspecify.annotations.Nullable;

/**
 * What an admin sets on a pool (validated by the web adapter).
 *
 * @param hardwareProfile what the servers run on, e.g. {@code 8xH100-80GB}
 * @param loraAdapters the LoRA adapters the servers have loaded, for adapter-aware routing
 * @param privatePool private or on-premises capacity: data sent here must not leave it
 * @param picker endpoint-picker weights and thresholds for this pool; null: routing's defaults
 */
public record PoolSpec(String name, UUID modelId, String region, @Nullable String hardwareProfile,
        List<String> loraAdapters, boolean privatePool, @Nullable PickerSettings picker) {

    public PoolSpec {
        loraAdapters = List.copyOf(new LinkedHashSet<>(loraAdapters));
        picker = picker == null || picker.isEmpty() ? null : picker;
    }

    /** A pool whose endpoints are picked with routing's defaults. */
    public PoolSpec(String name, UUID modelId, String region, @Nullable String hardwareProfile,
            List<String> loraAdapters, boolean privatePool) {
        this(name, modelId, region, hardwareProfile, loraAdapters, privatePool, null);
    }
}
