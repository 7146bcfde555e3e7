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
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Decides on the event loop that read the request: a rule-based decision takes microseconds, less than
 * handing it to another thread would cost. A decision whose route runs a model (sentence embeddings) moves to a
 * worker thread, so that the loop keeps serving the gateway's other connections meanwhile.
 */
@RestController
class DecisionController {

    private final DecisionEngine engine;

    DecisionController(DecisionEngine engine) {
        this.engine = engine;
    }

    @PostMapping("/v1/decisions")
    Mono<DecisionResponse> decide(@RequestBody DecisionRequest request,
            @RequestParam(name = "explain", defaultValue = "false") boolean explain) {
        DecisionRequestRules.check(request);
        // handle() restores the caller's trace from the Reactor context, so a decision's log line carries it
        Mono<DecisionResponse> decision = Mono.just(request)
                .handle((valid, sink) -> sink.next(engine.decide(valid, explain)));
        return engine.runsModel(request) ? decision.subscribeOn(Schedulers.boundedElastic()) : decision;
    }

    /** With {@code tenantId} and {@code teamId}: only what their allow-lists let them use. */
    @GetMapping("/v1/models")
    List<AvailableModel> models(@RequestParam(required = false) @Nullable String tenantId,
            @RequestParam(required = false) @Nullable String teamId) {
        return engine.availableModels(tenantId, teamId);
    }
}
