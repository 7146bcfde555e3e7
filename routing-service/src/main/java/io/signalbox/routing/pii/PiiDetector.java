package io.signalbox.routing.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds sensitive data with precompiled patterns plus checksums where a format has one (Luhn for
 * cards, ISO 7064 for the German tax id), which is what keeps order numbers, timestamps and version
 * strings from matching. One cheap pass over the characters first decides which patterns can match at
 * all (no {@code @}: no e-mail; fewer than 9 digits: no card, SSN or tax id), so ordinary prompts cost
 * a few microseconds. Immutable and thread-safe.
 */
public final class PiiDetector {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-])");

    private static final Pattern INTERNATIONAL_PHONE = Pattern.compile(
            "(?<![\\w+])\\+[1-9][0-9]{0,2}(?:[ .-]?\\(?[0-9]{1,5}\\)?){2,6}(?![\\w])");

    private static final Pattern NANP_PHONE = Pattern.compile(
            "(?<![\\w(+-])(?:\\([2-9][0-9]{2}\\) ?|[2-9][0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4}(?![\\w-])");

    private static final Pattern CARD = Pattern.compile("(?<![\\w-])[2-6][0-9]{3}(?:[ -]?[0-9]){9,15}(?![\\w-])");

    private static final Pattern US_SSN = Pattern.compile(
            "(?<![\\w-])(?!000|666|9[0-9]{2})[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}(?![\\w-])");

    private static final Pattern UK_NINO = Pattern.compile(
            "(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D](?![A-Za-z0-9])");

    private static final Pattern DE_TAX_ID = Pattern.compile("(?<![\\w-])[1-9][0-9](?: ?[0-9]{3}){3}(?![\\w-])");

    private static final Pattern SECRET = Pattern.compile(String.join("|",
            "(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])",
            "\\bgh[pousr]_[A-Za-z0-9]{36,}",
            "\\bgithub_pat_[A-Za-z0-9_]{22,}",
            "\\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}",
            "\\b[rs]k_live_[A-Za-z0-9]{16,}",
            "\\bxox[abprs]-[A-Za-z0-9-]{10,}",
            "\\bAIza[0-9A-Za-z_-]{35}",
            "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}",
            "-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----",
            "(?i)\\bbearer\\s+[A-Za-z0-9._~+/-]{20,}=*",
            "(?i)\\b(?:api[_-]?key|secret|client[_-]?secret|password|passwd|access[_-]?token)\\s*[:=]\\s*[\"']?[^\\s\"'<>]{8,}"));

    private final Set<PiiKind> kinds;

    /** A detector for the given kinds only (a policy may care about secrets but not e-mail, say). */
    public PiiDetector(Set<PiiKind> kinds) {
        this.kinds = kinds.isEmpty() ? EnumSet.noneOf(PiiKind.class) : EnumSet.copyOf(kinds);
    }

    /** A detector for every kind. */
    public PiiDetector() {
        this(EnumSet.allOf(PiiKind.class));
    }

    /** Every finding, ordered by position. */
    public List<PiiFinding> detect(String text) {
        List<PiiFinding> findings = new ArrayList<>();
        scan(text, findings, false);
        findings.sort(Comparator.comparingInt(PiiFinding::start));
        return findings;
    }

    /** Whether the text holds any sensitive data; stops at the first finding. */
    public boolean containsSensitiveData(String text) {
        return scan(text, new ArrayList<>(1), true);
    }

    private boolean scan(String text, List<PiiFinding> findings, boolean stopAtFirst) {
        int digits = 0;
        boolean at = false;
        boolean plus = false;
        boolean dash = false;
        int upper = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '@') {
                at = true;
            } else if (c == '+') {
                plus = true;
            } else if (c == '-') {
                dash = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper++;
            }
        }
        if (at && find(PiiKind.EMAIL, EMAIL, text, findings, stopAtFirst)) {
            return true;
        }
        if (text.length() >= 16 && find(PiiKind.SECRET, SECRET, text, findings, stopAtFirst)) {
            return true;
        }
        if (digits >= 10 && findPhones(text, plus, findings, stopAtFirst)) {
            return true;
        }
        if (digits >= 13 && findChecked(PiiKind.PAYMENT_CARD, CARD, text, findings, stopAtFirst)) {
            return true;
        }
        if (digits >= 9 && dash && find(PiiKind.US_SSN, US_SSN, text, findings, stopAtFirst)) {
            return true;
        }
        if (digits >= 6 && upper >= 3 && find(PiiKind.UK_NINO, UK_NINO, text, findings, stopAtFirst)) {
            return true;
        }
        return digits >= 11 && findChecked(PiiKind.DE_TAX_ID, DE_TAX_ID, text, findings, stopAtFirst);
    }

    private boolean findPhones(String text, boolean plus, List<PiiFinding> findings, boolean stopAtFirst) {
        if (!kinds.contains(PiiKind.PHONE)) {
            return false;
        }
        if (plus) {
            Matcher matcher = INTERNATIONAL_PHONE.matcher(text);
            while (matcher.find()) {
                int count = countDigits(matcher.group());
                if (count >= 8 && count <= 15) {
                    findings.add(new PiiFinding(PiiKind.PHONE, matcher.start(), matcher.end()));
                    if (stopAtFirst) {
                        return true;
                    }
                }
            }
        }
        return find(PiiKind.PHONE, NANP_PHONE, text, findings, stopAtFirst);
    }

    private boolean find(PiiKind kind, Pattern pattern, String text, List<PiiFinding> findings, boolean stopAtFirst) {
        if (!kinds.contains(kind)) {
            return false;
        }
        Matcher matcher = pattern.matcher(text);
        boolean found = false;
        while (matcher.find()) {
            found = true;
            findings.add(new PiiFinding(kind, matcher.start(), matcher.end()));
            if (stopAtFirst) {
                return true;
            }
        }
        return found && stopAtFirst;
    }

    private boolean findChecked(PiiKind kind, Pattern pattern, String text, List<PiiFinding> findings,
            boolean stopAtFirst) {
        if (!kinds.contains(kind)) {
            return false;
        }
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            String digitsOnly = digitsOf(matcher.group());
            boolean valid = kind == PiiKind.PAYMENT_CARD ? isCard(matcher.group(), digitsOnly) : isGermanTaxId(digitsOnly);
            if (valid) {
                findings.add(new PiiFinding(kind, matcher.start(), matcher.end()));
                if (stopAtFirst) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Card numbers are grouped consistently (all spaces or all dashes, or none) and pass Luhn. */
    static boolean isCard(String written, String digits) {
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        if (written.indexOf(' ') >= 0 && written.indexOf('-') >= 0) {
            return false;
        }
        return luhnValid(digits);
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /**
     * The Steuer-ID rules: 11 digits, no leading zero; among the first ten, exactly one digit occurs
     * two or three times and every other at most once; the eleventh is the ISO 7064 MOD 11,10 check digit.
     */
    static boolean isGermanTaxId(String digits) {
        if (digits.length() != 11 || digits.charAt(0) == '0') {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[digits.charAt(i) - '0']++;
        }
        int repeated = 0;
        for (int count : counts) {
            if (count > 3) {
                return false;
            }
            if (count >= 2) {
                repeated++;
            }
        }
        if (repeated != 1) {
            return false;
        }
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (digits.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        if (check == 10) {
            check = 0;
        }
        return check == digits.charAt(10) - '0';
    }

    private static String digitsOf(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private static int countDigits(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                count++;
            }
        }
        return count;
    }
}
