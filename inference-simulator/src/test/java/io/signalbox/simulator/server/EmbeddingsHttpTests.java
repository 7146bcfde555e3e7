package io.signalbox.simulator.server;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Base64;

import io.signalbox.simulator.endpoint.EndpointSpec;
import io.signalbox.simulator.faults.FaultSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static io.signalbox.simulator.server.TestHttp.json;
import static io.signalbox.simulator.server.TestHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code POST /v1/embeddings}: deterministic unit vectors, as floats or base64, with prompt-token usage. */
class EmbeddingsHttpTests {

    private static SimulatorServer server;

    private static SimulatedEndpoint endpoint;

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(EndpointSpec.builder("embed", "sim-embed")
                .ttft(Duration.ofMillis(5))
                .contextWindow(64)
                .embeddingDimensions(8)
                .build());
        endpoint = server.endpoint("embed");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void clearFaults() {
        endpoint.setFaults(FaultSpec.none());
    }

    @Test
    void embedsEveryInputAsAUnitVectorOfTheConfiguredDimension() {
        JsonNode body = json(post(endpoint, "/v1/embeddings",
                "{\"model\":\"sim-embed\",\"input\":[\"a routing gateway\",\"a cache\"]}"));

        assertThat(body.get("object").stringValue()).isEqualTo("list");
        assertThat(body.get("model").stringValue()).isEqualTo("sim-embed");
        assertThat(body.get("data")).hasSize(2);
        for (int index = 0; index < 2; index++) {
            JsonNode entry = body.get("data").get(index);
            assertThat(entry.get("object").stringValue()).isEqualTo("embedding");
            assertThat(entry.get("index").intValue()).isEqualTo(index);
            assertThat(entry.get("embedding")).hasSize(8);
            assertThat(norm(floats(entry.get("embedding")))).isCloseTo(1.0, within(1e-5));
        }
        assertThat(body.get("usage").get("prompt_tokens").intValue()).as("17 and 7 characters").isEqualTo(5 + 2);
        assertThat(body.get("usage").get("total_tokens").intValue()).isEqualTo(7);
    }

    @Test
    void embedsTheSameTextAlikeAndDifferentTextsDifferently() {
        float[] first = embedding("{\"model\":\"sim-embed\",\"input\":\"same text\"}");
        float[] again = embedding("{\"model\":\"sim-embed\",\"input\":[\"same text\"]}");
        float[] other = embedding("{\"model\":\"sim-embed\",\"input\":\"other text\"}");

        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void encodesBase64AsLittleEndianFloat32sOfTheSameVector() {
        float[] floats = embedding("{\"model\":\"sim-embed\",\"input\":\"encode me\"}");
        JsonNode body = json(post(endpoint, "/v1/embeddings",
                "{\"model\":\"sim-embed\",\"input\":\"encode me\",\"encoding_format\":\"base64\"}"));

        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(body.at("/data/0/embedding").stringValue()))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] decoded = new float[bytes.remaining() / Float.BYTES];
        for (int index = 0; index < decoded.length; index++) {
            decoded[index] = bytes.getFloat();
        }
        assertThat(decoded).containsExactly(floats);
    }

    @Test
    void shortensAVectorToTheRequestedDimensionsAndKeepsItAUnitVector() {
        float[] full = embedding("{\"model\":\"sim-embed\",\"input\":\"shorten me\"}");
        float[] shortened = embedding("{\"model\":\"sim-embed\",\"input\":\"shorten me\",\"dimensions\":4}");

        assertThat(shortened).hasSize(4);
        assertThat(norm(shortened)).isCloseTo(1.0, within(1e-5));
        double scale = shortened[0] / full[0];
        for (int index = 0; index < 4; index++) {
            assertThat((double) shortened[index]).isCloseTo(full[index] * scale, within(1e-5));
        }
    }

    @Test
    void appliesTheEndpointsFaults() {
        endpoint.setFaults(FaultSpec.none().withErrors(1.0, 502));

        HttpResponse<String> response = post(endpoint, "/v1/embeddings", "{\"model\":\"sim-embed\",\"input\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).at("/error/type").stringValue()).isEqualTo("server_error");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no input           | {"model":"sim-embed"}                                        | 400 | missing_required_parameter
            number input       | {"model":"sim-embed","input":3}                              | 400 | invalid_type
            empty array        | {"model":"sim-embed","input":[]}                             | 400 | empty_array
            bad format         | {"model":"sim-embed","input":"a","encoding_format":"int8"}   | 400 | invalid_value
            too many dims      | {"model":"sim-embed","input":"a","dimensions":9}             | 400 | invalid_value
            unknown model      | {"model":"text-embedding-3-small","input":"a"}               | 404 | model_not_found
            """)
    void refusesBadRequestsInOpenAisErrorShape(String name, String body, int status, String code) {
        HttpResponse<String> response = post(endpoint, "/v1/embeddings", body);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response).at("/error/type").stringValue()).isEqualTo("invalid_request_error");
        assertThat(json(response).at("/error/code").stringValue()).isEqualTo(code);
    }

    @Test
    void refusesAnInputLongerThanTheContextWindow() {
        HttpResponse<String> response = post(endpoint, "/v1/embeddings",
                "{\"model\":\"sim-embed\",\"input\":\"" + "x".repeat(4 * 65) + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/code").stringValue()).isEqualTo("context_length_exceeded");
        assertThat(json(response).at("/error/message").stringValue())
                .startsWith("This model's maximum context length is 64 tokens, however you requested 65 tokens");
    }

    private static float[] embedding(String body) {
        HttpResponse<String> response = post(endpoint, "/v1/embeddings", body);
        assertThat(response.statusCode()).isEqualTo(200);
        return floats(json(response).at("/data/0/embedding"));
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int index = 0; index < values.length; index++) {
            values[index] = array.get(index).floatValue();
        }
        return values;
    }

    private static double norm(float[] vector) {
        double squares = 0;
        for (float component : vector) {
            squares += (double) component * component;
        }
        return Math.sqrt(squares);
    }
}
