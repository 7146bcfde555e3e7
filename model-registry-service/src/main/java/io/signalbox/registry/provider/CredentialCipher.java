package io.signalbox.registry.provider;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Encrypts provider credentials with AES-256-GCM. Each ciphertext carries a fresh 96-bit IV and is
 * bound to its provider (the provider id is the additional authenticated data), so a ciphertext
 * copied onto another provider's row does not decrypt. The key id is stored next to it, so any
 * configured key can still decrypt while new writes use the active one.
 */
@Component
public class CredentialCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static final int IV_BYTES = 12;

    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;

    private final @Nullable String activeKey;

    private final SecureRandom random = new SecureRandom();

    CredentialCipher(CredentialProperties properties) {
        Map<String, SecretKey> parsed = new HashMap<>();
        properties.keys().forEach((id, base64) -> parsed.put(id, key(id, base64)));
        this.keys = Map.copyOf(parsed);
        this.activeKey = properties.activeKey();
        if (activeKey != null && !keys.containsKey(activeKey)) {
            throw new IllegalStateException("signalbox.credentials.active-key '" + activeKey
                    + "' is not among the configured keys " + keys.keySet());
        }
    }

    /** Whether credentials can be stored: an active key is configured. */
    public boolean canEncrypt() {
        return activeKey != null;
    }

    public @Nullable String activeKeyId() {
        return activeKey;
    }

    /** Encrypts under the active key. */
    Sealed seal(UUID providerId, String plaintext) {
        String keyId = Objects.requireNonNull(activeKey, "no active credentials key");
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(providerId.toString().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(keyId, Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array()));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM encryption failed", ex);
        }
    }

    /**
     * Decrypts with the key the ciphertext names.
     *
     * @throws IllegalStateException when that key is no longer configured or the ciphertext was tampered with
     */
    String open(UUID providerId, Sealed sealed) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("Credentials of provider " + providerId + " are encrypted with key '"
                    + sealed.keyId() + "', which is no longer configured");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(providerId.toString().getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException("Credentials of provider " + providerId + " do not decrypt", ex);
        }
    }

    private static SecretKey key(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("signalbox.credentials.keys." + id + " is not base64", ex);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("signalbox.credentials.keys." + id + " must be 32 bytes (AES-256), not "
                    + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** A ciphertext (base64 of IV and sealed bytes) and the id of the key it was made with. */
    record Sealed(String keyId, String ciphertext) {

        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + "]";
        }
    }
}
