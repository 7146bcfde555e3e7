package io.signalbox.registry.common;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HttpUrlValidatorTests {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "http://127.0.0.1:9001/v1", "https://api.openai.com/v1", "HTTPS://example.com" })
    void acceptsAbsoluteHttpUrls(String url) {
        assertThat(HttpUrlValidator.isHttpUrl(url)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/v1", "127.0.0.1:9001", "ftp://example.com", "http://", "not a url",
            "https://user:secret@example.com/v1" })
    void refusesRelativeNonHttpAndCredentialBearingUrls(String url) {
        assertThat(HttpUrlValidator.isHttpUrl(url)).isFalse();
    }
}
