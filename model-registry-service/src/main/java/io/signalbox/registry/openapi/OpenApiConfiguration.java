package io.signalbox.registry.openapi;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.signalbox.contracts.json.ContractJson;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Completes the generated document: what the service is, how to authenticate, an example for every
 * request body, and the problem answer every operation can give. The document itself is served
 * without a token: it holds no data, and tools need it before anyone has a credential.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI registryOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Signalbox model registry").version("v1")
                        .description("""
                                The admin API for providers, models and prices, pools and endpoints, routes, tenants,
                                teams, virtual keys and the audit log, and the internal API the gateway and the routing
                                service read. Send `Authorization: Bearer <token>`: reads need the viewer role (finance
                                reads prices, tenants and teams), writes the admin role; `/internal/**` the internal
                                token. Updates need `If-Match` with the `ETag` of the revision read. Errors are RFC 9457
                                problems with a stable `type`.""")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A static token (admin, named tokens) or a JWT from the configured issuer"))
                        .addResponses("Problem", new ApiResponse()
                                .description("An RFC 9457 problem: validation-failed (400), unauthorized (401), "
                                        + "forbidden (403), not-found (404), already-exists or in-use (409), "
                                        + "stale-revision (412), if-match-required (428)")
                                .content(new Content().addMediaType("application/problem+json",
                                        new MediaType().example(parse(ApiExamples.PROBLEM))))))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer registryExamples() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                Operation operation = entry.getValue();
                String example = ApiExamples.REQUESTS.get(entry.getKey() + " " + path);
                if (example != null && operation.getRequestBody() != null
                        && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().forEach((type, media) -> media.setExample(
                            type.contains("json") ? parse(example) : example));
                }
                operation.getResponses().addApiResponse("4XX",
                        new ApiResponse().$ref("#/components/responses/Problem"));
                operation.setTags(List.of(tag(path)));
            }
        });
    }

    /** Operations are grouped by resource: {@code /api/v1/models/{id}/prices} is under {@code models}. */
    private static String tag(String path) {
        String[] segments = path.split("/");
        String resource = segments.length > 3 ? segments[3] : path;
        int colon = resource.indexOf(':');
        String name = colon < 0 ? resource : resource.substring(0, colon);
        return path.startsWith("/internal/") ? "internal" : name.toLowerCase(Locale.ROOT);
    }

    private static Object parse(String json) {
        return ContractJson.mapper().readValue(json, Object.class);
    }
}
