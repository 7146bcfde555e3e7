package io.signalbox.cost.budget;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One POST of an alert's JSON to a webhook. Redirects are not followed: a webhook that moved is a configuration
 * error that should show up as a failed delivery.
 */
class AlertWebhook {

    static final String ALERT_ID_HEADER = "X-Signalbox-Alert-Id";

    private final HttpClient http;

    private final Duration timeout;

    AlertWebhook(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Result post(URI url, String alertId, String json) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "signalbox-cost-service")
                .header(ALERT_ID_HEADER, alertId)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Result(status, null, Outcome.DELIVERED);
            }
            boolean retryable = status == 408 || status == 429 || status >= 500;
            return new Result(status, "HTTP " + status, retryable ? Outcome.RETRYABLE : Outcome.REFUSED);
        }
        catch (IOException ex) {
            return new Result(null, ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage()), Outcome.RETRYABLE);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted", Outcome.RETRYABLE);
        }
    }

    enum Outcome {
        DELIVERED,
        /** No answer, or 408, 429 or 5xx: worth another attempt. */
        RETRYABLE,
        /** Any other answer: the receiver will not take it, however often it is sent. */
        REFUSED
    }

    record Result(@Nullable Integer statusCode, @Nullable String error, Outcome outcome) {
    }
}
