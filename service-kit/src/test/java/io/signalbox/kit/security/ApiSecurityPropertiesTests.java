package io.signalbox.kit.security;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiSecurityPropertiesTests {

    @Test
    void twoTokensAloneGiveWhatBindingOnlyTheTwoTokensGives() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "signalbox.security.admin-token", "admin-token-0123456789",
                "signalbox.security.internal-token", "internal-token-0123456789")));

        ApiSecurityProperties bound = binder.bind("signalbox.security", ApiSecurityProperties.class).get();

        assertThat(ApiSecurityProperties.ofTokens("admin-token-0123456789", "internal-token-0123456789"))
                .isEqualTo(bound);
    }
}
