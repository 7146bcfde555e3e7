package io.signalbox.telemetry.window;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.HdrHistogram.PackedHistogram;
import org.jspecify.annotations.Nullable;

/**
 * What happened in one time slot of one series. Histograms are HdrHistogram's packed variant, whose memory grows
 * with the number of distinct buckets used (a few hundred bytes to about 2 KB) rather than with the value range,
 * and are only made once the slot sees a value. Not thread-safe: its {@link WindowSeries} holds the lock.
 */
final class Slot {

    /** Two significant digits: every recorded value is kept within 1 % (HdrHistogram's bucket precision). */
    static final int SIGNIFICANT_DIGITS = 2;

    /** The absolute slot number (epoch millis / slot width) this slot currently holds. */
    long number;

    long requests;

    long errors;

    @Nullable Map<String, Long> errorsByClass;

    @Nullable PackedHistogram latency;

    @Nullable PackedHistogram ttft;

    long promptTokens;

    long completionTokens;

    long cachedPromptTokens;

    /** Prompt tokens of the requests that reported their cached share, the denominator of the hit ratio. */
    long cacheReportedPromptTokens;

    long decodeTokens;

    long decodeMillis;

    @Nullable Map<String, BigDecimal> cost;

    Slot(long number) {
        this.number = number;
    }

    void record(Observation observation) {
        requests++;
        String errorClass = observation.errorClass();
        if (errorClass != null) {
            errors++;
            if (errorsByClass == null) {
                errorsByClass = new HashMap<>(4);
            }
            errorsByClass.merge(errorClass, 1L, Long::sum);
        }
        if (observation.latencyMillis() >= 0) {
            if (latency == null) {
                latency = new PackedHistogram(SIGNIFICANT_DIGITS);
            }
            latency.recordValue(observation.latencyMillis());
        }
        Long firstToken = observation.ttftMillis();
        if (firstToken != null && firstToken >= 0) {
            if (ttft == null) {
                ttft = new PackedHistogram(SIGNIFICANT_DIGITS);
            }
            ttft.recordValue(firstToken);
        }
        Integer prompt = observation.promptTokens();
        Integer completion = observation.completionTokens();
        Integer cached = observation.cachedPromptTokens();
        if (prompt != null) {
            promptTokens += prompt;
            if (cached != null) {
                cachedPromptTokens += cached;
                cacheReportedPromptTokens += prompt;
            }
        }
        if (completion != null) {
            completionTokens += completion;
            if (firstToken != null && observation.latencyMillis() > firstToken) {
                decodeTokens += completion;
                decodeMillis += observation.latencyMillis() - firstToken;
            }
        }
        BigDecimal amount = observation.cost();
        String currency = observation.currency();
        if (amount != null && currency != null) {
            if (cost == null) {
                cost = new HashMap<>(2);
            }
            cost.merge(currency, amount, BigDecimal::add);
        }
    }

    /** Empties the slot for another slot number, dropping its histograms so that memory follows traffic. */
    void reuse(long newNumber) {
        number = newNumber;
        requests = 0;
        errors = 0;
        errorsByClass = null;
        latency = null;
        ttft = null;
        promptTokens = 0;
        completionTokens = 0;
        cachedPromptTokens = 0;
        cacheReportedPromptTokens = 0;
        decodeTokens = 0;
        decodeMillis = 0;
        cost = null;
    }

    long footprintBytes() {
        long bytes = 160;
        if (latency != null) {
            bytes += latency.getEstimatedFootprintInBytes();
        }
        if (ttft != null) {
            bytes += ttft.getEstimatedFootprintInBytes();
        }
        return bytes;
    }
}
