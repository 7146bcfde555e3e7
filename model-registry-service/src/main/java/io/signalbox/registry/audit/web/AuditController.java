package io.signalbox.registry.audit.web;

import java.time.Instant;

import io.signalbox.registry.audit.AuditEntry;
import io.signalbox.registry.audit.AuditLog;
import io.signalbox.registry.common.ListPage;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    /** Newest first; {@code seq} is the commit order of the changes, so the order is stable. */
    private static final Sort ORDER = Sort.by(Sort.Direction.DESC, "seq");

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * Filters: {@code entity} (e.g. {@code route}), {@code entityId}, {@code actor}, and the time window
     * {@code from} (inclusive) to {@code to} (exclusive), ISO-8601.
     */
    @GetMapping
    ListPage<AuditResponse> search(@RequestParam(required = false) @Nullable String entity,
            @RequestParam(required = false) @Nullable String entityId,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        return ListPage.of(audit.search(entity, entityId, actor, from, to, ListPage.request(page, size, ORDER)),
                AuditResponse::of);
    }

    record AuditResponse(String id, Instant occurredAt, String actor, String entity, String entityId,
            String operation, long catalogVersion, @Nullable JsonNode before, @Nullable JsonNode after) {

        static AuditResponse of(AuditEntry entry) {
            return new AuditResponse(entry.getId().toString(), entry.getOccurredAt(), entry.getActor(),
                    entry.getEntity(), entry.getEntityId(), entry.getOperation(), entry.getCatalogVersion(),
                    entry.getBefore(), entry.getAfter());
        }
    }
}
