package io.signalbox.kit.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The same guards as {@link ApiSecurityAutoConfiguration}, as web filters, for a reactive service that has
 * service-kit (routing-service): the canonical-path guard first, then the bearer-token filter.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class ReactiveApiSecurityAutoConfiguration {

    @Bean
    ReactiveCanonicalPathFilter signalboxCanonicalPathFilter() {
        return new ReactiveCanonicalPathFilter();
    }

    /** JWT keys are fetched on first use, so a service starts even while the identity provider is down. */
    @Bean
    ReactiveBearerTokenFilter signalboxBearerTokenFilter(ApiSecurityProperties properties) {
        return new ReactiveBearerTokenFilter(AccessRules.of(properties));
    }
}
