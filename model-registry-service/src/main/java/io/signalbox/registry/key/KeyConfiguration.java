package io.signalbox.registry.key;

import java.security.SecureRandom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KeyConfiguration {

    @Bean
    KeyGenerator keyGenerator() {
        return new KeyGenerator(new SecureRandom());
    }
}
