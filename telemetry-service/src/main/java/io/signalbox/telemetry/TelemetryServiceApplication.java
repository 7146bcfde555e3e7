package io.signalbox.telemetry;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Telemetry's periodic work (health publishing, alert evaluation, catalog refresh, window gauges) runs on
 * Spring's scheduler, on virtual threads like the rest of the service.
 */
@SpringBootApplication
@EnableScheduling
public class TelemetryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TelemetryServiceApplication.class, args);
    }

    /** The one clock every window, rule and timestamp reads, so that tests can hold time still. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
