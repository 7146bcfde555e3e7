package io.signalbox.routing.kafka;

import java.util.function.Consumer;

import io.signalbox.contracts.json.ContractJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One record of a compacted state topic (latest value per key, a tombstone deletes) applied to an in-memory
 * store: a value replaces, a tombstone removes its key, an unreadable record is logged and skipped so that it
 * cannot stop the records after it.
 */
public final class CompactedTopicRecords {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicRecords.class);

    private CompactedTopicRecords() {
    }

    public static <T> void apply(ConsumerRecord<@Nullable String, @Nullable String> record, Class<T> type,
            Consumer<T> store, Consumer<String> remove) {
        String value = record.value();
        if (value == null) {
            String key = record.key();
            if (key != null) {
                remove.accept(key);
            }
            return;
        }
        T parsed;
        try {
            parsed = ContractJson.fromJson(value, type);
        }
        catch (RuntimeException malformed) {
            log.warn("Skipping an unreadable {} at {}-{}@{}: {}", type.getSimpleName(), record.topic(),
                    record.partition(), record.offset(), malformed.getMessage());
            return;
        }
        store.accept(parsed);
    }
}
