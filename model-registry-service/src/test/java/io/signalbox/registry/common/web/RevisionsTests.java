package io.signalbox.registry.common.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RevisionsTests {

    @Test
    void etagIsTheQuotedRevision() {
        assertThat(Revisions.etag(7)).isEqualTo("\"7\"");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"3\"     | 3",
            "W/\"3\"   | 3",
            "' \"12\" '| 12",
            "abc       | -1",
            "\"x1\"    | -1",
            "3         | -1" })
    void ifMatchNamesTheRevisionOrNoneThatCanMatch(String header, long revision) {
        assertThat(Revisions.optional(header)).isEqualTo(revision);
    }

    @Test
    void wildcardMatchesAnyRevision() {
        assertThat(Revisions.required("*")).isNull();
        assertThat(Revisions.optional("*")).isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void updateWithoutIfMatchIsRefused(String header) {
        assertThatExceptionOfType(IfMatchRequiredException.class).isThrownBy(() -> Revisions.required(header));
        assertThat(Revisions.optional(header)).isNull();
    }
}
