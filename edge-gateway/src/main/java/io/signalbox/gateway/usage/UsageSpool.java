package io.signalbox.gateway.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;

/**
 * Durable holding area for usage events Kafka could not take: one file per event, written to a temporary
 * name, forced to disk and renamed, so a crash leaves either a whole event or none. Events leave the spool
 * only after Kafka acknowledged them.
 *
 * <p>A file is named {@code <sequence>-<event id>.json}, the sequence being the moment the gateway recorded
 * the event (see {@link UsagePublisher}), so that {@link #pending} lists events in the order they were
 * recorded. The order they reach the spool is a different one: an event the producer held in its buffer
 * fails only after the delivery timeout, well after a later event that failed at once, and a whole buffered
 * batch fails within one millisecond, finer than file times resolve.
 */
class UsageSpool {

    private static final String SUFFIX = ".json";

    /** {@code <sequence>-<event id>.json}; gateways before this one wrote {@code <event id>.json}. */
    private static final Pattern SEQUENCED = Pattern.compile("(\\d{18})-[0-9a-f-]{36}\\.json");

    private static final Comparator<Path> RECORDING_ORDER = Comparator.comparingLong(UsageSpool::sequenceOf)
            .thenComparing(file -> file.getFileName().toString());

    private final Path directory;

    UsageSpool(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create the usage spool directory " + directory, ex);
        }
    }

    /**
     * @param sequence when the event was recorded, in microseconds since the epoch, unique per gateway
     */
    void append(UsageRecorded event, long sequence) {
        String name = String.format("%018d-%s", sequence, event.eventId());
        Path target = directory.resolve(name + SUFFIX);
        Path temp = directory.resolve(name + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(ContractJson.toBytes(event)));
            channel.force(true);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot spool usage event " + event.eventId(), ex);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException ex) {
            moveQuietly(temp, target);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot spool usage event " + event.eventId(), ex);
        }
    }

    /** The spooled events' files in the order the events were recorded, oldest first. */
    List<Path> pending() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted(RECORDING_ORDER)
                    .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot list the usage spool " + directory, ex);
        }
    }

    UsageRecorded read(Path file) {
        try {
            return ContractJson.fromBytes(Files.readAllBytes(file), UsageRecorded.class);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read spooled usage event " + file, ex);
        }
    }

    void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot remove spooled usage event " + file, ex);
        }
    }

    /** Moves an unreadable file out of the replay order, keeping it for manual recovery. */
    void quarantine(Path file) {
        moveQuietly(file, file.resolveSibling(file.getFileName() + ".bad"));
    }

    int size() {
        return pending().size();
    }

    /** The sequence in the name; for a file without one, its modification time on the same scale. */
    static long sequenceOf(Path file) {
        Matcher sequenced = SEQUENCED.matcher(file.getFileName().toString());
        if (sequenced.matches()) {
            return Long.parseLong(sequenced.group(1));
        }
        return TimeUnit.MILLISECONDS.toMicros(file.toFile().lastModified());
    }

    private static void moveQuietly(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot spool usage event to " + to, ex);
        }
    }
}
