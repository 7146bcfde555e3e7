package io.signalbox.routing.pii;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PiiDetectorTests {

    private final PiiDetector detector = new PiiDetector();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "EMAIL        | write to jane.doe+invoices@example.co.uk today",
        "EMAIL        | <ops@mail.signalbox.io>",
        "PHONE        | call +44 20 7946 0958 after six",
        "PHONE        | Berlin office: +49 (30) 901820",
        "PHONE        | +14155550132",
        "PHONE        | US line (415) 555-0132",
        "PHONE        | fax 415.555.0132",
        "PAYMENT_CARD | card 4111 1111 1111 1111 exp 12/29",
        "PAYMENT_CARD | 5500-0000-0000-0004",
        "PAYMENT_CARD | amex 378282246310005",
        "PAYMENT_CARD | 6011111111111117",
        "US_SSN       | my SSN is 078-05-1120",
        "UK_NINO      | NI number AB 12 34 56 C",
        "UK_NINO      | JG103759A",
        "DE_TAX_ID    | Steuer-ID 86095742719",
        "DE_TAX_ID    | IdNr. 47 036 892 816",
        "SECRET       | aws key AKIAIOSFODNN7EXAMPLE",
        "SECRET       | token ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "SECRET       | OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwx",
        "SECRET       | xoxb-1234567890-abcdefghij",
        "SECRET       | key=AIzaSyA-1234567890abcdefghijklmnopqrstu",
        "SECRET       | eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "SECRET       | -----BEGIN RSA PRIVATE KEY-----",
        "SECRET       | Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456",
        "SECRET       | password=hunter2hunter2",
        "SECRET       | stripe sk_live_abcdefghijklmnop1234"})
    void findsSensitiveData(PiiKind kind, String text) {
        List<PiiFinding> findings = detector.detect(text);

        assertThat(findings).extracting(PiiFinding::kind).contains(kind);
        assertThat(detector.containsSensitiveData(text)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "user@localhost is the default account",
        "@channel please review the release notes",
        "email me at john dot doe at example dot com",
        "released on 2024-05-17 at 10:30",
        "upgrade from version 1.2.3.4 to 1.2.4.0",
        "the server at 192.168.10.254 is down",
        "ISBN 978-3-16-148410-0",
        "call extension 555-0100",
        "the sample number 123-456-7890 is not a real area code",
        "4111 1111 1111 1112 fails the Luhn check",
        "1234 5678 9012 3456 starts like no card network",
        "4111-1111 1111-1111 mixes separators",
        "timestamp 1700000000000 in milliseconds",
        "000-12-3456 uses the never-issued area 000",
        "666-12-3456 uses area 666",
        "912-34-5678 is in the 900 range",
        "123-00-4567 has a zero group",
        "123-45-0000 has a zero serial",
        "the id 123456789 has no dashes",
        "GB123456A uses an unassigned prefix",
        "QQ123456C uses an invalid first letter",
        "AB123456E has an invalid suffix",
        "86095742718 has a wrong check digit",
        "12345678901 repeats no digit",
        "01234567890 starts with zero",
        "sk-short is not a key",
        "the token is expired, please log in again",
        "password: <your password here>",
        "ghp_short",
        "-----BEGIN PUBLIC KEY-----",
        "use a Bearer token in the header",
        "Compute 3x + 7 = 22 and sum the primes below 1000000."})
    void ignoresNearMisses(String text) {
        assertThat(detector.detect(text)).isEmpty();
        assertThat(detector.containsSensitiveData(text)).isFalse();
    }

    @Test
    void reportsPositionsInOrderWithoutTheText() {
        String text = "mail a@example.org or call +44 20 7946 0958";

        List<PiiFinding> findings = detector.detect(text);

        assertThat(findings).containsExactly(
                new PiiFinding(PiiKind.EMAIL, 5, 18),
                new PiiFinding(PiiKind.PHONE, 27, text.length()));
        assertThat(findings.toString()).doesNotContain("example", "7946");
    }

    @Test
    void looksOnlyForTheConfiguredKinds() {
        PiiDetector secretsOnly = new PiiDetector(EnumSet.of(PiiKind.SECRET));

        assertThat(secretsOnly.containsSensitiveData("write to jane@example.com")).isFalse();
        assertThat(secretsOnly.containsSensitiveData("AKIAIOSFODNN7EXAMPLE")).isTrue();
        assertThat(new PiiDetector(EnumSet.noneOf(PiiKind.class)).detect("AKIAIOSFODNN7EXAMPLE")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"79927398713, true", "79927398710, false", "4111111111111111, true", "0, true"})
    void checksLuhnDigits(String digits, boolean valid) {
        assertThat(PiiDetector.luhnValid(digits)).isEqualTo(valid);
    }

    @Test
    void findsEveryOccurrence() {
        assertThat(detector.detect("a@example.com, b@example.com and c@example.com")).hasSize(3);
    }
}
