package io.signalbox.gateway.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import io.signalbox.contracts.json.ContractJson;
import io.signalbox.contracts.usage.UsageRecorded;

/**
 * Durable holding area for usage events Kafka could not take: one file per event, written to a temporary
 * name, forced to disk and renamed, so a crash leaves either a whole event or none. Events leave the spool
 * only after Kafka acknowledged them.
 */
class UsageSpool {

    private static final String SUFFIX = ".json";

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

    void append(UsageRecorded event) {
        Path target = directory.resolve(event.eventId() + SUFFIX);
        Path temp = directory.resolve(event.eventId() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(ContractJson.toBytes(event)));
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

    /** The spooled events' files, oldest first. */
    List<Path> pending() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
                    .sorted((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
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

    private static void moveQuietly(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot spool usage event to " + to, ex);
        }
    }
}
