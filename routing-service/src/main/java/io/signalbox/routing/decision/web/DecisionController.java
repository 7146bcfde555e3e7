package io.signalbox.routing.decision.web;

import java.util.List;

import io.signalbox.contracts.decision.AvailableModel;
import io.signalbox.contracts.decision.DecisionRequest;
import io.signalbox.contracts.decision.DecisionResponse;
import io.signalbox.routing.decision.DecisionEngine;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DecisionController {

    private final DecisionEngine engine;

    DecisionController(DecisionEngine engine) {
        this.engine = engine;
    }

    @PostMapping("/v1/decisions")
    DecisionResponse decide(@RequestBody DecisionRequest request,
            @RequestParam(name = "explain", defaultValue = "false") boolean explain) {
        DecisionRequestRules.check(request);
        return engine.decide(request, explain);
    }

    /** With {@code tenantId} and {@code teamId}: only what their allow-lists let them use. */
    @GetMapping("/v1/models")
    List<AvailableModel> models(@RequestParam(required = false) @Nullable String tenantId,
            @RequestParam(required = false) @Nullable String teamId) {
        return engine.availableModels(tenantId, teamId);
    }
}
