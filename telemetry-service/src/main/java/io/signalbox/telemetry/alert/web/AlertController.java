package io.signalbox.telemetry.alert.web;

import java.util.List;

import io.signalbox.telemetry.alert.AlertEvaluator;
import io.signalbox.telemetry.alert.AlertNotice;
import io.signalbox.telemetry.alert.Delivery;
import io.signalbox.telemetry.alert.WebhookNotifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What is firing now and the latest notices with their webhook deliveries. */
@RestController
class AlertController {

    private final AlertEvaluator evaluator;

    private final WebhookNotifier notifier;

    AlertController(AlertEvaluator evaluator, WebhookNotifier notifier) {
        this.evaluator = evaluator;
        this.notifier = notifier;
    }

    record Alerts(List<AlertNotice> firing, List<Delivery.View> notices) {
    }

    @GetMapping("/api/v1/telemetry/alerts")
    Alerts alerts() {
        return new Alerts(evaluator.firing(), notifier.recent());
    }
}
