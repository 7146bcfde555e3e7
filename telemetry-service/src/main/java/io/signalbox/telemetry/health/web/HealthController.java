package io.signalbox.telemetry.health.web;

import java.util.List;

import io.signalbox.contracts.health.EndpointHealth;
import io.signalbox.telemetry.health.EndpointHealthPublisher;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The health reports last published to routing, unhealthy targets first: what routing sees. */
@RestController
class HealthController {

    private final EndpointHealthPublisher publisher;

    HealthController(EndpointHealthPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * @param key the report's key on the topic ({@code endpoint:<id>} or {@code model:<id>})
     */
    record Entry(String key, @Nullable String modelName, EndpointHealth report) {
    }

    record Reports(List<Entry> items) {
    }

    @GetMapping("/api/v1/telemetry/health")
    Reports reports() {
        return new Reports(publisher.current().stream()
                .map(report -> new Entry(report.health().key(), report.modelName(), report.health())).toList());
    }
}
