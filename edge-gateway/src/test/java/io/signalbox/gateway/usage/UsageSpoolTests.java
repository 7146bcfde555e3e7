package io.signalbox.gateway.usage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.signalbox.contracts.usage.TokenUsage;
import io.signalbox.contracts.usage.UsageRecorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class UsageSpoolTests {

    @TempDir
    Path directory;

    @Test
    void keepsEveryEventUntilRemovedAndSurvivesARestart() {
        UsageSpool spool = new UsageSpool(directory);
        UsageRecorded first = event("req-1");
        UsageRecorded second = event("req-2");
        spool.append(first);
        spool.append(second);

        UsageSpool afterRestart = new UsageSpool(directory);
        List<Path> pending = afterRestart.pending();

        assertThat(pending).hasSize(2);
        assertThat(pending.stream().map(afterRestart::read)).containsExactlyInAnyOrder(first, second);

        afterRestart.remove(pending.getFirst());
        assertThat(afterRestart.size()).isEqualTo(1);
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        new UsageSpool(directory).append(event("req-3"));

        try (var files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString())).allMatch(name -> name.endsWith(".json"));
        }
    }

    static UsageRecorded event(String requestId) {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        return new UsageRecorded(1, UUID.randomUUID(), requestId, "d", null, "t", "team", "k", Map.of(),
                "chat.completions", "auto", "auto", "weighted", "m", "model", "p", null, null, false, 200, null,
                false, List.of(), new TokenUsage(1, 2, null, null, false), null, 5, null, null, now, now);
    }
}
