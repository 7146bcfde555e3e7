package io.signalbox.kit.security;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.security.*}: the tokens and the paths they guard. Both tokens are required, so a
 * service never starts with an open admin API by accident.
 *
 * @param adminToken bearer token for the admin API ({@code SIGNALBOX_ADMIN_TOKEN})
 * @param internalToken bearer token services use to call each other ({@code SIGNALBOX_INTERNAL_TOKEN})
 * @param adminPaths Ant-style patterns that need the admin token
 * @param internalPaths Ant-style patterns that need the internal (or the admin) token
 */
@Validated
@ConfigurationProperties("signalbox.security")
public record ApiSecurityProperties(
        @NotBlank @Size(min = 16, message = "must be at least 16 characters") String adminToken,
        @NotBlank @Size(min = 16, message = "must be at least 16 characters") String internalToken,
        @DefaultValue("/api/**") List<String> adminPaths,
        @DefaultValue("/internal/**") List<String> internalPaths) {

    @Override
    public String toString() {
        return "ApiSecurityProperties[adminPaths=" + adminPaths + ", internalPaths=" + internalPaths + "]";
    }
}
