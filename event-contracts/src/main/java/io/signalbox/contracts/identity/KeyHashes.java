package io.signalbox.contracts.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How virtual keys are hashed for storage and lookup: SHA-256 over the UTF-8 key, lower-case hex.
 * Keys are 256-bit random strings, so an unsalted fast hash is safe here (no dictionary to attack)
 * and lets the gateway look a key up by hash in one indexed read.
 */
public final class KeyHashes {

    private KeyHashes() {
    }

    public static String sha256Hex(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every JDK", ex);
        }
    }
}
