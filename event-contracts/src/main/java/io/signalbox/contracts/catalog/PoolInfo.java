package io.signalbox.contracts.catalog;

import java.util.List;

/** A self-hosted inference pool serving one base model from one region, with its endpoints. */
public record PoolInfo(String id, String name, String modelId, String region, List<EndpointInfo> endpoints) {

    public PoolInfo {
        endpoints = List.copyOf(endpoints);
    }
}
