package io.signalbox.registry.key;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

import io.signalbox.contracts.identity.KeyHashes;
import io.signalbox.registry.key.KeyGenerator.GeneratedKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyGeneratorTests {

    final KeyGenerator generator = new KeyGenerator(new SecureRandom());

    @Test
    void keyIsTheMarkerAnd43Base64UrlCharacters() {
        GeneratedKey key = generator.generate();

        assertThat(key.key()).matches("sk-sb-[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(key.key().substring(6))).hasSize(32);
    }

    @Test
    void storesOnlyTheSha256AndAShortDisplayPrefix() {
        GeneratedKey key = generator.generate();

        assertThat(key.hash()).isEqualTo(KeyHashes.sha256Hex(key.key())).matches("[0-9a-f]{64}");
        assertThat(key.displayPrefix()).hasSize(12).isEqualTo(key.key().substring(0, 12));
        assertThat(key.toString()).as("a logged key must not leak").doesNotContain(key.key()).doesNotContain(key.hash());
    }

    @Test
    void everyRandomBitEndsUpInTheKey() {
        byte[] allOnes = new byte[32];
        Arrays.fill(allOnes, (byte) 0xFF);

        GeneratedKey zeros = new KeyGenerator(fixed(new byte[32])).generate();
        GeneratedKey ones = new KeyGenerator(fixed(allOnes)).generate();

        assertThat(zeros.key()).isEqualTo("sk-sb-" + "A".repeat(43));
        assertThat(ones.key()).isEqualTo("sk-sb-" + "_".repeat(42) + "8");
    }

    @Test
    void keysDoNotRepeat() {
        Set<String> keys = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            GeneratedKey key = generator.generate();
            keys.add(key.key());
            prefixes.add(key.displayPrefix());
        }

        assertThat(keys).hasSize(10_000);
        // 36 bits of display prefix: among 10,000 keys a collision is possible but rare; many are a bug.
        assertThat(prefixes).hasSizeGreaterThan(9_990);
    }

    private static RandomGenerator fixed(byte[] bytes) {
        return new RandomGenerator() {

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("keys are made from nextBytes");
            }

            @Override
            public void nextBytes(byte[] target) {
                System.arraycopy(bytes, 0, target, 0, target.length);
            }
        };
    }
}
