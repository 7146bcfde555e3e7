package io.signalbox.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.signalbox.deploy.RenderedChart.Manifest;
import io.signalbox.infra.EmbeddedKafkaServer.TopicSpec;
import io.signalbox.infra.SignalboxTopics;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's topics Job, docker-compose's kafka-init and the embedded broker of the tests and the local stack
 * create the same topics with the same partitions and cleanup policies; the dead-letter topic cost-service
 * declares comes on top.
 */
class KafkaTopicsTests {

    private static final String DEAD_LETTERS = "signalbox.usage.v1.DLT";

    private static final Pattern CREATE = Pattern.compile("(?m)^\\s*create '?([\\w.-]+)'? (\\d+)(.*)$");

    @Test
    void theChartDefaultsCreateTheTopicsOfTheLocalStack() {
        Map<String, Object> values = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Repository.read("helm/signalbox/values.yaml"));
        Map<String, TopicSpec> chart = new LinkedHashMap<>();
        for (Map<String, Object> topic : Tree.maps(values, "kafka", "topics", "definitions")) {
            chart.put(Tree.string(topic, "name"), new TopicSpec((Integer) topic.get("partitions"),
                    "compact".equals(Tree.string(topic, "config", "cleanup.policy"))));
        }

        assertThat(withoutDeadLetters(chart)).isEqualTo(SignalboxTopics.all());
        assertThat(chart.get(DEAD_LETTERS)).isEqualTo(TopicSpec.plain(3));
    }

    @Test
    void dockerComposeCreatesTheTopicsOfTheLocalStack() {
        Map<String, TopicSpec> compose = created(Repository.read("deploy/kafka/create-topics.sh"));

        assertThat(withoutDeadLetters(compose)).isEqualTo(SignalboxTopics.all());
        assertThat(compose.get(DEAD_LETTERS)).isEqualTo(TopicSpec.plain(3));
    }

    @Test
    void thePlainTopicsJobCreatesEveryTopicWithTheConfiguredReplicationOverSasl() {
        Manifest job = HelmChart.render(ValueSet.INLINE_SECRETS).ofKind("Job")
                .filter(candidate -> candidate.component().equals("kafka-topics")).findFirst().orElseThrow();
        Map<String, Object> container = job.containers().getFirst();

        assertThat(job.name()).isEqualTo(HelmChart.FULLNAME + "-kafka-topics-1");
        assertThat(Tree.map(job.body(), "metadata", "annotations")).doesNotContainKey("helm.sh/hook");
        Map<String, TopicSpec> created = created(String.join("\n", Tree.list(container, "args").stream()
                .map(Object::toString).toList()));
        assertThat(withoutDeadLetters(created)).isEqualTo(SignalboxTopics.all());
        assertThat(job.env("REPLICATION_FACTOR")).containsEntry("value", "3");
        assertThat(Tree.map(job.env("KAFKA_SASL_PASSWORD"), "valueFrom", "secretKeyRef"))
                .containsEntry("name", HelmChart.FULLNAME + "-kafka").containsEntry("key", "password");
        assertThat(job.env("KAFKA_SASL_MODULE")).containsEntry("value",
                "org.apache.kafka.common.security.plain.PlainLoginModule");
    }

    @Test
    void createsNoTopicsWhenThePlatformManagesThem() {
        assertThat(HelmChart.render(ValueSet.MINIMAL).ofKind("Job")).isEmpty();
    }

    private static Map<String, TopicSpec> created(String script) {
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        Matcher matcher = CREATE.matcher(script);
        while (matcher.find()) {
            topics.put(matcher.group(1), new TopicSpec(Integer.parseInt(matcher.group(2)),
                    matcher.group(3).contains("cleanup.policy=compact")));
        }
        return topics;
    }

    private static Map<String, TopicSpec> withoutDeadLetters(Map<String, TopicSpec> topics) {
        Map<String, TopicSpec> copy = new LinkedHashMap<>(topics);
        copy.remove(DEAD_LETTERS);
        return copy;
    }
}
