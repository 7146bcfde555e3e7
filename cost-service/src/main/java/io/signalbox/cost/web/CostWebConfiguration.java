package io.signalbox.cost.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Boot adds every message-converter bean to Spring MVC's converters. */
@Configuration(proxyBeanMethods = false)
class CostWebConfiguration {

    @Bean
    CsvHttpMessageConverter csvHttpMessageConverter() {
        return new CsvHttpMessageConverter();
    }
}
