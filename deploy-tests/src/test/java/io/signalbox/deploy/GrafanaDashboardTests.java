package io.signalbox.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/grafana/dashboards (docker-compose's provisioning) and helm/signalbox/dashboards (the chart's ConfigMap)
 * hold the same dashboards, each of which reads Prometheus through the datasource variable, so it works with
 * whichever Prometheus datasource an installation has.
 */
class GrafanaDashboardTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theChartShipsExactlyTheDashboardsDockerComposeProvisions() {
        List<String> compose = names("deploy/grafana/dashboards");

        assertThat(compose).isNotEmpty();
        assertThat(names("helm/signalbox/dashboards")).as("copy deploy/grafana/dashboards/*.json to the chart")
                .isEqualTo(compose);
        for (String dashboard : compose) {
            assertThat(Repository.read("helm/signalbox/dashboards/" + dashboard)).as(dashboard)
                    .isEqualTo(Repository.read("deploy/grafana/dashboards/" + dashboard));
        }
    }

    @Test
    void everyPanelQueriesPrometheusThroughTheDatasourceVariable() {
        for (String name : names("deploy/grafana/dashboards")) {
            JsonNode dashboard = JSON.readTree(Repository.read("deploy/grafana/dashboards/" + name));

            assertThat(dashboard.path("uid").asString()).as(name).isNotBlank();
            assertThat(dashboard.path("templating").path("list").valueStream()
                    .anyMatch(variable -> variable.path("name").asString().equals("datasource")
                            && variable.path("query").asString().equals("prometheus"))).as(name).isTrue();
            List<JsonNode> targets = dashboard.path("panels").valueStream()
                    .flatMap(panel -> panel.path("targets").valueStream()).toList();
            assertThat(targets).as(name).isNotEmpty().allSatisfy(target -> {
                assertThat(target.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
                assertThat(target.path("expr").asString()).isNotBlank();
            });
        }
    }

    private static List<String> names(String directory) {
        try (Stream<Path> files = Files.list(Repository.path(directory))) {
            return files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".json")).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
