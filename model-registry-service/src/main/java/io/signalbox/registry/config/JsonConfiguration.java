package io.signalbox.registry.config;

import org.hibernate.cfg.MappingSettings;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;

/**
 * Makes every JSON the registry writes follow the contract codec's rules: the HTTP API (so that
 * {@code GET /internal/v1/catalog} is byte-for-byte what {@code ContractJson} would write, with money in
 * plain decimals) and the jsonb columns.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer contractJsonRules() {
        return builder -> builder
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @Bean
    HibernatePropertiesCustomizer contractJsonColumns() {
        return properties -> properties.put(MappingSettings.JSON_FORMAT_MAPPER, new ContractJsonFormatMapper());
    }
}
