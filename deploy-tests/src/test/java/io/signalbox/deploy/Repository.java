package io.signalbox.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository under test; the build passes the root as {@code signalbox.root}. */
final class Repository {

    private static final Path ROOT = Path.of(System.getProperty("signalbox.root", "..")).toAbsolutePath().normalize();

    private Repository() {
    }

    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
