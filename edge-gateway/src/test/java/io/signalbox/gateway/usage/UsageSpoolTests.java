package io.signalbox.gateway.usage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.signalbox.contracts.json.ContractJson;
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
        spool.append(first, 1);
        spool.append(second, 2);

        UsageSpool afterRestart = new UsageSpool(directory);
        List<Path> pending = afterRestart.pending();

        assertThat(pending).hasSize(2);
        assertThat(pending.stream().map(afterRestart::read)).containsExactly(first, second);

        afterRestart.remove(pending.getFirst());
        assertThat(afterRestart.size()).isEqualTo(1);
    }

    @Test
    void listsEventsInTheOrderTheyWereRecordedNotTheOrderTheyWereSpooled() {
        // A buffered batch fails after the delivery timeout, later than an event recorded after it that failed
        // at once, and all of its events reach the disk within the same millisecond.
        UsageSpool spool = new UsageSpool(directory);
        List<UsageRecorded> recorded = List.of(event("req-1"), event("req-2"), event("req-3"), event("req-4"),
                event("req-5"));
        long start = 1_795_000_000_000_000L;
        spool.append(recorded.get(4), start + 4);
        spool.append(recorded.get(2), start + 2);
        spool.append(recorded.get(0), start);
        spool.append(recorded.get(3), start + 3);
        spool.append(recorded.get(1), start + 1);

        assertThat(spool.pending().stream().map(spool::read)).containsExactlyElementsOf(recorded);
    }

    @Test
    void replaysFilesOfEarlierGatewaysByTheirTimeBeforeLaterEvents() throws Exception {
        UsageSpool spool = new UsageSpool(directory);
        UsageRecorded legacy = event("req-legacy");
        Path legacyFile = directory.resolve(legacy.eventId() + ".json");
        Files.write(legacyFile, ContractJson.toBytes(legacy));
        Files.setLastModifiedTime(legacyFile, FileTime.from(Instant.parse("2026-11-21T09:00:00Z")));
        UsageRecorded later = event("req-later");
        spool.append(later, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2026-11-21T09:00:01Z")));

        assertThat(spool.pending().stream().map(spool::read)).containsExactly(legacy, later);
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        new UsageSpool(directory).append(event("req-3"), 1);

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
