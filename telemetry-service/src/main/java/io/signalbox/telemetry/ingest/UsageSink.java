package io.signalbox.telemetry.ingest;

import io.signalbox.contracts.usage.UsageRecorded;

/**
 * Something fed every usage event once (after de-duplication): the statistics, the rolling windows, the metrics,
 * the routing-quality loop. Called on the listener's thread, once per event, so it must be quick and must not
 * block; an exception skips the event for every sink after it and is counted as a rejected event.
 */
public interface UsageSink {

    void record(UsageRecorded event);
}
