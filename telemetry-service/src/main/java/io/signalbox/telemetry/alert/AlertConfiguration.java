package io.signalbox.telemetry.alert;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import io.signalbox.telemetry.quality.FeedbackLedger;
import io.signalbox.telemetry.quality.QualityProperties;
import io.signalbox.telemetry.window.UsageWindows;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The alert evaluator and its webhook notifier, which owns one small thread for retries and HTTP callbacks. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
class AlertConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService alertDeliveryScheduler() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("alert-webhook").daemon()
                .factory());
    }

    @Bean
    WebhookNotifier webhookNotifier(AlertProperties properties, ScheduledExecutorService alertDeliveryScheduler,
            Clock clock, MeterRegistry registry) {
        return new WebhookNotifier(properties.webhook(), properties.delivery(), properties.keepNotices(),
                alertDeliveryScheduler, clock, registry);
    }

    @Bean
    AlertEvaluator alertEvaluator(UsageWindows windows, FeedbackLedger feedback, QualityProperties quality,
            AlertProperties properties, WebhookNotifier notifier, Clock clock, MeterRegistry registry) {
        return new AlertEvaluator(windows, feedback, quality, properties, notifier, clock, registry);
    }
}
