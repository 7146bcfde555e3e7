package io.signalbox.telemetry.catalog;

import io.signalbox.kit.security.ApiSecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The registry catalog as the service's {@link ModelDirectory}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogProperties.class)
class CatalogConfiguration {

    @Bean
    RegistryCatalog registryCatalog(RestClient.Builder builder, CatalogProperties properties,
            ApiSecurityProperties security) {
        return new RegistryCatalog(builder, properties, security);
    }
}
