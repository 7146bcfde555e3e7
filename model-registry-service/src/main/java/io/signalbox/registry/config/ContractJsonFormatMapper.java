package io.signalbox.registry.config;

import java.lang.reflect.Type;

import io.signalbox.contracts.json.ContractJson;
import org.hibernate.type.format.AbstractJsonFormatMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hibernate's JSON support only knows Jackson 2, which is not this service's JSON library (it is on
 * the classpath only because Flyway uses it). This mapper reads and writes jsonb columns with the
 * shared contract codec instead, so stored JSON follows the same rules as the wire.
 */
class ContractJsonFormatMapper extends AbstractJsonFormatMapper {

    private final JsonMapper mapper = ContractJson.mapper();

    @Override
    protected <T> T fromString(CharSequence json, Type type) {
        return mapper.readValue(json.toString(), mapper.constructType(type));
    }

    @Override
    protected <T> String toString(T value, Type type) {
        return mapper.writerFor(mapper.constructType(type)).writeValueAsString(value);
    }
}
