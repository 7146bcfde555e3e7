package io.signalbox.contracts.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A self-hosted inference pool serving one base model from one region, with its endpoints.
 *
 * @param hardwareProfile what the pool runs on, e.g. {@code 8xH100-80GB}; null: not set
 * @param loraAdapters the LoRA adapters the pool's servers have loaded; null: none known
 * @param privatePool true for private or on-premises capacity (data must not leave it)
 * @param picker how routing picks among the pool's endpoints; null: routing-service's defaults
 */
public record PoolInfo(
        String id,
        String name,
        String modelId,
        String region,
        List<EndpointInfo> endpoints,
        @Nullable String hardwareProfile,
        @Nullable List<String> loraAdapters,
        @Nullable Boolean privatePool,
        @Nullable PickerSettings picker) {

    public PoolInfo {
        endpoints = List.copyOf(endpoints);
        loraAdapters = loraAdapters == null ? null : List.copyOf(loraAdapters);
    }

    /** A pool without hardware, adapters and privacy flag (the walking skeleton's shape). */
    public PoolInfo(String id, String name, String modelId, String region, List<EndpointInfo> endpoints) {
        this(id, name, modelId, region, endpoints, null, null, null, null);
    }

    /** A pool whose endpoints are picked with routing-service's default settings. */
    public PoolInfo(String id, String name, String modelId, String region, List<EndpointInfo> endpoints,
            @Nullable String hardwareProfile, @Nullable List<String> loraAdapters, @Nullable Boolean privatePool) {
        this(id, name, modelId, region, endpoints, hardwareProfile, loraAdapters, privatePool, null);
    }
}
