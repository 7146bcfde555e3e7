package io.signalbox.telemetry.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * De-duplication of alerts into episodes: while a condition holds, one episode is open and one {@code firing}
 * notice was sent; it resolves, with one {@code resolved} notice, once the condition has been found gone in
 * {@code resolveAfter} evaluations in a row. A subject that disappears (no traffic any more) counts as clear. Not
 * thread-safe: the evaluator calls it from one scheduled thread.
 */
final class AlertEpisodes {

    private final int resolveAfter;

    private final Map<Key, Episode> open = new HashMap<>();

    private final Set<Key> seenThisRound = new HashSet<>();

    AlertEpisodes(int resolveAfter) {
        this.resolveAfter = resolveAfter;
    }

    /** What an evaluation found for one kind of alert on one subject. */
    record Finding(String kind, AlertSubject subject, String window, @Nullable String summary, @Nullable Double value,
            @Nullable Double threshold) {

        boolean holds() {
            return summary != null;
        }
    }

    /** Starts an evaluation round. */
    void beginRound() {
        seenThisRound.clear();
    }

    /** Takes one finding; returns the notice it raises, if any. */
    @Nullable AlertNotice observe(Finding finding, Instant now) {
        Key key = new Key(finding.kind(), finding.subject().kind(), finding.subject().id());
        seenThisRound.add(key);
        Episode episode = open.get(key);
        if (finding.holds()) {
            if (episode == null) {
                episode = new Episode(UUID.randomUUID().toString(), now, finding);
                open.put(key, episode);
                return notice(AlertNotice.FIRING, episode, finding, finding.summary(), null, now);
            }
            episode.clearStreak = 0;
            episode.last = finding;
            return null;
        }
        return episode == null ? null : clear(key, episode, finding, now);
    }

    /** Ends the round: open episodes whose subject was not judged this round count as clear once. */
    List<AlertNotice> endRound(Instant now) {
        List<AlertNotice> notices = new ArrayList<>();
        for (Map.Entry<Key, Episode> entry : List.copyOf(open.entrySet())) {
            if (!seenThisRound.contains(entry.getKey())) {
                Episode episode = entry.getValue();
                Finding gone = new Finding(episode.last.kind(), episode.last.subject(), episode.last.window(), null,
                        null, episode.last.threshold());
                AlertNotice notice = clear(entry.getKey(), episode, gone, now);
                if (notice != null) {
                    notices.add(notice);
                }
            }
        }
        return notices;
    }

    /** The open episodes, each with its latest finding. */
    List<AlertNotice> firing(Instant now) {
        List<AlertNotice> firing = new ArrayList<>();
        for (Episode episode : open.values()) {
            firing.add(notice(AlertNotice.FIRING, episode, episode.last, episode.last.summary(), null, now));
        }
        return firing;
    }

    private @Nullable AlertNotice clear(Key key, Episode episode, Finding finding, Instant now) {
        episode.clearStreak++;
        if (episode.clearStreak < resolveAfter) {
            return null;
        }
        open.remove(key);
        String summary = "resolved: " + episode.last.summary();
        return notice(AlertNotice.RESOLVED, episode, new Finding(finding.kind(), finding.subject(), finding.window(),
                summary, finding.value(), finding.threshold()), summary, now, now);
    }

    private static AlertNotice notice(String status, Episode episode, Finding finding, @Nullable String summary,
            @Nullable Instant resolvedAt, Instant now) {
        return new AlertNotice("signalbox.alert." + status, UUID.randomUUID().toString(), episode.id, finding.kind(),
                status, finding.subject(), finding.window(), summary == null ? "" : summary, finding.value(),
                finding.threshold(), episode.startedAt, resolvedAt, now);
    }

    private record Key(String kind, String subjectKind, String subjectId) {
    }

    private static final class Episode {

        final String id;

        final Instant startedAt;

        Finding last;

        int clearStreak;

        Episode(String id, Instant startedAt, Finding first) {
            this.id = id;
            this.startedAt = startedAt;
            this.last = first;
        }
    }
}
