package io.signalbox.telemetry.web;

import java.util.List;

import io.signalbox.telemetry.stats.UsageStatistics;
import io.signalbox.telemetry.web.TelemetryResponses.EndpointEntry;
import io.signalbox.telemetry.web.TelemetryResponses.ModelEntry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Request statistics since this instance started, busiest first. */
@RestController
@RequestMapping("/api/v1/telemetry")
class TelemetryController {

    private final UsageStatistics statistics;

    TelemetryController(UsageStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/models")
    List<ModelEntry> models() {
        return statistics.models().stream().map(ModelEntry::of).toList();
    }

    @GetMapping("/endpoints")
    List<EndpointEntry> endpoints() {
        return statistics.endpoints().stream().map(EndpointEntry::of).toList();
    }
}
