/**
 * Versioned records shared by the Signalbox services: the Kafka events, the decision API between
 * edge-gateway and routing-service, the catalog snapshot the registry serves, and the virtual-key
 * identity the gateway looks up. Records only, plus {@link io.signalbox.contracts.json.ContractJson};
 * no Spring beans, so any service (or a non-Java consumer reading the JSON) can depend on them.
 *
 * <p>Compatibility rule: within a {@code .v1} topic or {@code /v1} API, fields are only ever added
 * (nullable, or with a default), never renamed or removed. Readers ignore unknown fields.
 */
@NullMarked
package io.signalbox.contracts;

import org.jspecify.annotations.NullMarked;
