package io.signalbox.registry.provider;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CredentialCipherTests {

    static final String OLD = Base64.getEncoder().encodeToString(new byte[32]);

    static final String NEW = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    static final UUID PROVIDER = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    @Test
    void newWritesUseTheActiveKeyAndOldCiphertextsStillOpen() {
        CredentialCipher before = new CredentialCipher(new CredentialProperties("old", Map.of("old", OLD)));
        CredentialCipher.Sealed sealedBefore = before.seal(PROVIDER, "sk-live-secret");
        CredentialCipher after = new CredentialCipher(new CredentialProperties("new", Map.of("old", OLD, "new", NEW)));

        CredentialCipher.Sealed sealedAfter = after.seal(PROVIDER, "sk-live-secret");

        assertThat(sealedAfter.keyId()).isEqualTo("new");
        assertThat(after.open(PROVIDER, sealedBefore)).isEqualTo("sk-live-secret");
        assertThat(after.open(PROVIDER, sealedAfter)).isEqualTo("sk-live-secret");
        assertThat(sealedAfter.ciphertext()).doesNotContain("secret");
    }

    @Test
    void sameSecretEncryptsDifferentlyEachTime() {
        CredentialCipher cipher = new CredentialCipher(new CredentialProperties("new", Map.of("new", NEW)));

        assertThat(cipher.seal(PROVIDER, "x").ciphertext()).isNotEqualTo(cipher.seal(PROVIDER, "x").ciphertext());
    }

    @Test
    void ciphertextCopiedToAnotherProviderDoesNotOpen() {
        CredentialCipher cipher = new CredentialCipher(new CredentialProperties("new", Map.of("new", NEW)));
        CredentialCipher.Sealed sealed = cipher.seal(PROVIDER, "sk-live-secret");

        assertThatIllegalStateException().isThrownBy(() -> cipher.open(UUID.randomUUID(), sealed))
                .withMessageContaining("do not decrypt");
    }

    @Test
    void removedKeyIsNamedWhenItIsStillNeeded() {
        CredentialCipher before = new CredentialCipher(new CredentialProperties("old", Map.of("old", OLD)));
        CredentialCipher.Sealed sealed = before.seal(PROVIDER, "sk-live-secret");
        CredentialCipher after = new CredentialCipher(new CredentialProperties("new", Map.of("new", NEW)));

        assertThatIllegalStateException().isThrownBy(() -> after.open(PROVIDER, sealed))
                .withMessageContaining("'old'");
    }

    @Test
    void misconfiguredKeysStopTheServiceFromStarting() {
        assertThatIllegalStateException().isThrownBy(
                () -> new CredentialCipher(new CredentialProperties("missing", Map.of("new", NEW))));
        assertThatIllegalStateException().isThrownBy(
                () -> new CredentialCipher(new CredentialProperties("short", Map.of("short", "c2hvcnQ="))))
                .withMessageContaining("32 bytes");
        assertThat(new CredentialCipher(new CredentialProperties(null, Map.of())).canEncrypt()).isFalse();
    }
}
