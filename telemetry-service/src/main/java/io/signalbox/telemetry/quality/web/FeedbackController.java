package io.signalbox.telemetry.quality.web;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.signalbox.contracts.feedback.FeedbackRecorded;
import io.signalbox.telemetry.quality.FeedbackLedger;
import io.signalbox.telemetry.quality.FeedbackService;
import io.signalbox.telemetry.quality.QualityHistory;
import io.signalbox.telemetry.quality.QualityProperties;
import io.signalbox.telemetry.quality.RoutedRequest;
import io.signalbox.telemetry.quality.RoutedRequests;
import io.signalbox.telemetry.quality.TierComparison;
import io.signalbox.telemetry.web.InvalidParameterException;
import io.signalbox.telemetry.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The routing-quality loop over HTTP: post a score for a routed request, read it back, list the sampled requests to
 * evaluate, and read quality per tier (or model) over time with the cheaper-versus-premium comparison.
 */
@RestController
@RequestMapping("/api/v1/feedback")
class FeedbackController {

    private final FeedbackService service;

    private final FeedbackLedger ledger;

    private final RoutedRequests requests;

    private final QualityProperties properties;

    FeedbackController(FeedbackService service, FeedbackLedger ledger, RoutedRequests requests,
            QualityProperties properties) {
        this.service = service;
        this.ledger = ledger;
        this.requests = requests;
        this.properties = properties;
    }

    /**
     * A score for one request.
     *
     * @param requestId the request's {@code x-request-id}
     * @param score from 0 (useless) to 1 (perfect)
     * @param label optional, up to 100 characters
     */
    record FeedbackRequest(@NotBlank @Size(max = 200) String requestId,
            @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double score, @Nullable @Size(max = 100) String label) {
    }

    /** 201 with {@code Location} when recorded now; 200 with the same body when this exact feedback was recorded before. */
    @PostMapping
    ResponseEntity<FeedbackRecorded> submit(@Valid @RequestBody FeedbackRequest request) {
        String label = request.label() == null || request.label().isBlank() ? null : request.label().strip();
        FeedbackService.Accepted accepted = service.submit(request.requestId().strip(), request.score(), label);
        if (!accepted.created()) {
            return ResponseEntity.ok(accepted.feedback());
        }
        return ResponseEntity.created(URI.create("/api/v1/feedback/" + accepted.feedback().requestId()))
                .body(accepted.feedback());
    }

    @GetMapping("/{requestId}")
    FeedbackRecorded one(@PathVariable String requestId) {
        return ledger.find(requestId).orElseThrow(() -> new NotFoundException("No feedback for request '"
                + requestId + "'."));
    }

    record Samples(List<RoutedRequest> items) {
    }

    /** Sampled requests newest first, to evaluate offline and score with {@code POST /api/v1/feedback}. */
    @GetMapping("/samples")
    Samples samples(@RequestParam(required = false) @Nullable String tier,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String limit) {
        Instant from = null;
        if (since != null && !since.isBlank()) {
            try {
                from = Instant.parse(since.trim());
            }
            catch (DateTimeParseException ex) {
                throw new InvalidParameterException("since", "since must be an ISO-8601 instant such as "
                        + "2026-11-21T10:00:00Z; was '" + since + "'.");
            }
        }
        int max = number("limit", limit, 100, 1, 1000);
        return new Samples(requests.samples(tier == null || tier.isBlank() ? null : tier.trim(), from, max));
    }

    record Quality(String groupBy, int hours, Instant from, List<GroupQuality> groups, TierComparison comparison) {
    }

    /**
     * @param group the tier (or {@code model:<name>} when a request's tier is unknown), or the model name
     * @param meanScore over the whole span; null without scores
     */
    record GroupQuality(String group, long count, @Nullable Double meanScore, long sampledCount,
            @Nullable Double sampledMeanScore, List<HourQuality> hours) {
    }

    record HourQuality(Instant start, long count, @Nullable Double meanScore, long sampledCount,
            @Nullable Double sampledMeanScore) {
    }

    /** Quality per tier (or per model) in hourly buckets over the last {@code hours} hours. */
    @GetMapping("/quality")
    Quality quality(@RequestParam(required = false) @Nullable String groupBy,
            @RequestParam(required = false) @Nullable String hours) {
        String by = groupBy == null || groupBy.isBlank() ? "tier" : groupBy.trim();
        if (!by.equals("tier") && !by.equals("model")) {
            throw new InvalidParameterException("groupBy", "groupBy must be tier or model; was '" + groupBy + "'.");
        }
        int span = number("hours", hours, 24, 1, properties.retentionHours());
        List<GroupQuality> groups = new ArrayList<>();
        Instant from = null;
        for (Map.Entry<String, List<QualityHistory.Bucket>> entry : ledger.series(by.equals("tier"), span).entrySet()) {
            List<QualityHistory.Bucket> buckets = entry.getValue();
            from = buckets.getFirst().start();
            QualityHistory.Bucket total = QualityHistory.Bucket.sum(buckets, from);
            groups.add(new GroupQuality(entry.getKey(), total.count(), total.mean(), total.sampledCount(),
                    total.sampledMean(), buckets.stream().map(bucket -> new HourQuality(bucket.start(), bucket.count(),
                            bucket.mean(), bucket.sampledCount(), bucket.sampledMean())).toList()));
        }
        return new Quality(by, span, from != null ? from : ledger.total(properties.alert().premiumTier(), span).start(),
                groups, TierComparison.of(ledger, properties.alert()));
    }

    private static int number(String name, @Nullable String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        }
        catch (NumberFormatException ex) {
            // answered below
        }
        throw new InvalidParameterException(name, name + " must be a whole number from " + min + " to " + max
                + "; was '" + value + "'.");
    }
}
