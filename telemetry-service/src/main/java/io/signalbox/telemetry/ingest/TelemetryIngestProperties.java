package io.signalbox.telemetry.ingest;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.telemetry.ingest.*}.
 *
 * @param recentEventIds how many event ids are remembered for de-duplication. Redeliveries arrive within
 *     a rebalance and spool replays within minutes, so this only needs to cover a few minutes of
 *     traffic; each id costs well under 100 bytes.
 */
@Validated
@ConfigurationProperties("signalbox.telemetry.ingest")
record TelemetryIngestProperties(@DefaultValue("200000") @Min(1000) long recentEventIds) {
}
