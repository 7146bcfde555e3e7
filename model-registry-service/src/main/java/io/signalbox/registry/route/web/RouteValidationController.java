package io.signalbox.registry.route.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.kit.problem.FieldViolation;
import io.signalbox.registry.common.AlreadyExistsException;
import io.signalbox.registry.common.ValidationFailedException;
import io.signalbox.registry.route.RoutePolicyRules;
import io.signalbox.registry.route.RouteService;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Checks a route without saving it, and publishes the JSON Schema of each policy type's parameters,
 * so that tools (and the routing engine's authors) see the same rules the registry enforces.
 */
@RestController
class RouteValidationController {

    private final RouteService routes;

    private final Map<String, JsonNode> schemas;

    RouteValidationController(RouteService routes) {
        this.routes = routes;
        Map<String, JsonNode> loaded = new LinkedHashMap<>();
        for (RoutePolicyRules.PolicyType type : RoutePolicyRules.PolicyType.values()) {
            loaded.put(type.wireName(), schema(type.wireName()));
        }
        this.schemas = Map.copyOf(loaded);
    }

    /**
     * Answers 200 whether the route is valid or not: {@code valid}, the normalised policy when it is,
     * and the broken rules (as in a 400 {@code validation-failed} problem) when it is not.
     */
    @PostMapping("/api/v1/routes:validate")
    ValidationResponse validate(@RequestBody RouteController.RouteRequest request) {
        try {
            RouteController.PolicyBody policy = RouteController.requirePolicy(request);
            RoutePolicyRules.Policy checked = routes.validate(request.alias(), policy.type(), policy.targets(),
                    policy.parameters(), request.routeId());
            return new ValidationResponse(true, RouteController.PolicyResponse.of(checked), List.of());
        }
        catch (ValidationFailedException ex) {
            return new ValidationResponse(false, null, ex.violations());
        }
        catch (AlreadyExistsException ex) {
            return new ValidationResponse(false, null, List.of(new FieldViolation(ex.field(), ex.getMessage())));
        }
    }

    /** The policy types and the JSON Schema of each one's {@code policy} object. */
    @GetMapping("/api/v1/routes/policy-types")
    List<PolicyTypeResponse> policyTypes() {
        return Arrays.stream(RoutePolicyRules.PolicyType.values())
                .map(type -> new PolicyTypeResponse(type.wireName(), schemas.get(type.wireName())))
                .toList();
    }

    private static JsonNode schema(String type) {
        try (InputStream in = new ClassPathResource("policy-schemas/" + type + ".schema.json").getInputStream()) {
            return ContractJson.mapper().readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Missing JSON Schema for policy type " + type, ex);
        }
    }

    record ValidationResponse(boolean valid, RouteController.@Nullable PolicyResponse policy,
            List<FieldViolation> errors) {
    }

    record PolicyTypeResponse(String type, JsonNode schema) {
    }
}
