package io.signalbox.telemetry.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code signalbox.telemetry.ingest.*}.
 *
 * @param recentEventIds how many event ids are remembered for de-duplication. Redeliveries arrive within
 *     a rebalance and spool replays within minutes, so this only needs to cover a few minutes of
 *     traffic; each id costs 24 to 32 bytes, allocated at start.
 * @param windowReplayTimeout how long reading the last hour back into the windows after a start may take at most
 *     ({@code 0} turns the replay off); see {@code WindowReplay}
 */
@Validated
@ConfigurationProperties("signalbox.telemetry.ingest")
record TelemetryIngestProperties(@DefaultValue("200000") @Min(1000) @Max(RecentEvents.MAX_CAPACITY) long recentEventIds,
        @DefaultValue("2m") Duration windowReplayTimeout) {
}
