package io.signalbox.simulator.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.signalbox.simulator.server.SimulatedEndpoint;
import io.signalbox.simulator.server.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = {
        "signalbox.simulator.endpoints[0].name=tiny",
        "signalbox.simulator.endpoints[0].port=0",
        "signalbox.simulator.endpoints[0].models[0]=sim-tiny",
        "signalbox.simulator.endpoints[0].ttft=1ms",
        "signalbox.simulator.endpoints[1].name=tiny-lora",
        "signalbox.simulator.endpoints[1].port=0",
        "signalbox.simulator.endpoints[1].models=sim-tiny,sim-tiny-sql" })
class SimulatorApplicationTests {

    @Autowired
    SimulatorServer server;

    @Test
    void startsTheConfiguredEndpointsWithTheApplication() throws Exception {
        assertThat(server.endpoints()).extracting(SimulatedEndpoint::name).containsExactly("tiny", "tiny-lora");
        SimulatedEndpoint lora = server.endpoint("tiny-lora");

        HttpResponse<String> models;
        try (HttpClient client = HttpClient.newHttpClient()) {
            models = client.send(HttpRequest.newBuilder(URI.create(lora.baseUrl() + "/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body()).contains("\"id\":\"sim-tiny\"", "\"id\":\"sim-tiny-sql\"");
        assertThat(server.endpoint("tiny").spec().ttft()).hasMillis(1);
    }
}
