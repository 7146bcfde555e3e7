package io.signalbox.telemetry.quality;

import java.util.List;

import io.signalbox.contracts.Topics;
import io.signalbox.contracts.feedback.FeedbackRecorded;
import io.signalbox.contracts.json.ContractJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads the feedback topic from its beginning at every start (a consumer group of its own each time) into the
 * {@link FeedbackLedger}, which rebuilds quality history and the idempotency memory after a restart. Feedback this
 * instance accepted itself comes back too and is recognised as already counted. Unreadable records are logged and
 * skipped.
 */
class FeedbackListener {

    static final String ID = "feedback";

    private static final Logger log = LoggerFactory.getLogger(FeedbackListener.class);

    private final FeedbackLedger ledger;

    FeedbackListener(FeedbackLedger ledger) {
        this.ledger = ledger;
    }

    @KafkaListener(id = ID, topics = Topics.FEEDBACK, groupId = "telemetry-feedback-${random.uuid}",
            properties = "auto.offset.reset=earliest", batch = "true")
    void onFeedback(List<ConsumerRecord<@Nullable String, @Nullable String>> records) {
        for (ConsumerRecord<@Nullable String, @Nullable String> record : records) {
            String value = record.value();
            if (value == null) {
                continue;
            }
            try {
                ledger.apply(ContractJson.fromJson(value, FeedbackRecorded.class));
            }
            catch (RuntimeException unreadable) {
                log.warn("Skipping feedback record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        unreadable.getMessage());
            }
        }
    }
}
