package io.signalbox.registry.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.signalbox.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every endpoint the controllers serve, with examples, and is readable by tools. */
class OpenApiDocumentTests extends RegistryIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void documentListsEveryControllerOperation() {
        JsonNode paths = document().path("paths");

        List<String> missing = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/") && !pattern.startsWith("/internal/")) {
                    continue;
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    if (paths.path(pattern).path(method.name().toLowerCase(Locale.ROOT)).isMissingNode()) {
                        missing.add(method + " " + pattern);
                    }
                }
            }
        }

        assertThat(missing).as("controller operations missing from /v3/api-docs").isEmpty();
        assertThat(paths.has("/api/v1/routes:validate")).isTrue();
        assertThat(paths.has("/internal/v1/catalog")).isTrue();
    }

    @Test
    void everyRequestBodyHasAnExampleAndEveryOperationItsProblemAnswer() {
        JsonNode document = document();

        List<String> withoutExample = new ArrayList<>();
        List<String> withoutProblem = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode body = operation.getValue().path("requestBody").path("content");
            if (!body.isMissingNode() && body.valueStream().anyMatch(media -> media.path("example").isMissingNode())) {
                withoutExample.add(name);
            }
            if (operation.getValue().path("responses").path("4XX").isMissingNode()) {
                withoutProblem.add(name);
            }
        }));

        assertThat(withoutExample).isEmpty();
        assertThat(withoutProblem).isEmpty();
        assertThat(document.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");
        assertThat(document.path("paths").path("/api/v1/keys").path("post").path("tags").get(0).asString())
                .isEqualTo("keys");
    }

    @Test
    void swaggerUiIsServedWithoutAToken() {
        String html = http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(html).containsIgnoringCase("swagger");
    }

    private JsonNode document() {
        return json(http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
    }
}
