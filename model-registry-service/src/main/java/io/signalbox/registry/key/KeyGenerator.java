package io.signalbox.registry.key;

import java.util.Base64;
import java.util.random.RandomGenerator;

import io.signalbox.contracts.identity.KeyHashes;

/**
 * Makes virtual keys: {@code sk-sb-} followed by 32 random bytes in unpadded base64url (43
 * characters), so a key carries 256 bits of entropy and is recognisable in logs and secret scanners.
 * Only its hash and a short display prefix are ever stored.
 */
public final class KeyGenerator {

    public static final String KEY_PREFIX = "sk-sb-";

    public static final int RANDOM_BYTES = 32;

    /** How much of a key is kept for display: the marker and six random characters. */
    public static final int DISPLAY_PREFIX_LENGTH = 12;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final RandomGenerator random;

    /** @param random a cryptographically strong generator (a {@code SecureRandom}) outside of tests */
    public KeyGenerator(RandomGenerator random) {
        this.random = random;
    }

    public GeneratedKey generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String key = KEY_PREFIX + BASE64URL.encodeToString(bytes);
        return new GeneratedKey(key, KeyHashes.sha256Hex(key), key.substring(0, DISPLAY_PREFIX_LENGTH));
    }

    /**
     * A new key. {@code key} is shown to the admin once and then forgotten.
     *
     * @param hash what is stored and looked up: {@link KeyHashes#sha256Hex(String)} of the key
     * @param displayPrefix what lists show so that people can tell their keys apart
     */
    public record GeneratedKey(String key, String hash, String displayPrefix) {

        @Override
        public String toString() {
            return "GeneratedKey[displayPrefix=" + displayPrefix + "]";
        }
    }
}
