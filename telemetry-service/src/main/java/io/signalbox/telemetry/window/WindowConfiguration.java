package io.signalbox.telemetry.window;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.telemetry.catalog.ModelDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One process-wide {@link UsageWindows}, and its gauges. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WindowProperties.class)
class WindowConfiguration {

    @Bean
    WindowGauges windowGauges(UsageWindows windows, MeterRegistry registry,
            @Value("${signalbox.telemetry.metrics.window:1m}") String window) {
        return new WindowGauges(windows, Window.parse(window).orElseThrow(() -> new IllegalArgumentException(
                "signalbox.telemetry.metrics.window must be 1m, 5m or 1h; was '" + window + "'")), registry);
    }

    @Bean
    UsageWindows usageWindows(WindowProperties properties, ModelDirectory directory, Clock clock,
            MeterRegistry registry) {
        return new UsageWindows(properties, directory, clock, registry);
    }
}
