package io.signalbox.infra;

import java.util.LinkedHashMap;
import java.util.Map;

import io.signalbox.infra.EmbeddedKafkaServer.TopicSpec;

/**
 * The Signalbox topics with the layout the local stack and the tests use: usage spread over a few
 * partitions (keyed by request id), the state topics compacted. Names are repeated from
 * event-contracts' {@code Topics} on purpose so this module has no dependency on the services.
 */
public final class SignalboxTopics {

    private SignalboxTopics() {
    }

    public static Map<String, TopicSpec> all() {
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        topics.put("signalbox.usage.v1", TopicSpec.plain(3));
        topics.put("signalbox.registry.v1", TopicSpec.plain(1));
        topics.put("signalbox.endpoint-health.v1", TopicSpec.compacted(1));
        topics.put("signalbox.budget-status.v1", TopicSpec.compacted(1));
        return topics;
    }
}
