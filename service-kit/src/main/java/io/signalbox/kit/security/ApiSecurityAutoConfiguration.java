package io.signalbox.kit.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Registers, first in every servlet service that has service-kit, the canonical-path guard and then the
 * bearer-token filter, so that access rules always see the path the handlers will see.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class ApiSecurityAutoConfiguration {

    @Bean
    FilterRegistrationBean<CanonicalPathFilter> signalboxCanonicalPathFilter() {
        FilterRegistrationBean<CanonicalPathFilter> registration = new FilterRegistrationBean<>(new CanonicalPathFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        registration.setName("signalboxCanonicalPathFilter");
        return registration;
    }

    /** JWT keys are fetched on first use, so a service starts even while the identity provider is down. */
    @Bean
    FilterRegistrationBean<BearerTokenFilter> signalboxBearerTokenFilter(ApiSecurityProperties properties) {
        @Nullable JwtAuthenticator jwt = properties.jwt().enabled() ? JwtAuthenticator.of(properties.jwt()) : null;
        FilterRegistrationBean<BearerTokenFilter> registration =
                new FilterRegistrationBean<>(new BearerTokenFilter(properties, jwt));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setName("signalboxBearerTokenFilter");
        return registration;
    }
}
