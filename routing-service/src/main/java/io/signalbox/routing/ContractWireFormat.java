package io.signalbox.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the HTTP API speak the same JSON as {@link io.signalbox.contracts.json.ContractJson}, so a
 * decision read by the gateway with ContractJson carries exactly the prices routing-service saw:
 * decimals are read as {@code BigDecimal} and written in plain notation. Boot's own mapper is kept
 * (rather than replaced by ContractJson's) because it also carries the RFC 9457 problem mix-ins.
 *
 * <p>Collections a client leaves out ({@code requiredCapabilities}, {@code tags}) are read as empty
 * rather than rejected: "none" is the only sensible meaning, and the contract records refuse null.
 */
@Component
class ContractWireFormat implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
        JsonSetter.Value asEmpty = JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY);
        for (Class<?> collection : List.of(Set.class, Map.class, List.class)) {
            builder.withConfigOverride(collection, override -> override.setNullHandling(asEmpty));
        }
    }
}
