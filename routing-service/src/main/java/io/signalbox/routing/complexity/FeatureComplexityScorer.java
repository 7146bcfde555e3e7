package io.signalbox.routing.complexity;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A fast, model-free complexity scorer: one pass over the last user message collects words and
 * character statistics, a table lookup classifies the words, and a logistic function of the weighted
 * features gives the score. No allocation beyond the word buffer, no regular expressions, no I/O, so
 * it costs microseconds and can run on every request (see docs/benchmarks.md).
 *
 * <p>Only the first {@value #MAX_SCANNED_CHARS} characters are scanned: beyond that the length
 * feature is saturated anyway and the vocabulary signals have long been seen.
 */
public final class FeatureComplexityScorer implements ComplexityScorer {

    public static final String TYPE = "features";

    static final int MAX_SCANNED_CHARS = 16_384;

    /** Phrases are instructions; they sit at the start of a prompt, not deep inside pasted material. */
    private static final int PHRASE_SCAN_CHARS = 4_096;

    private static final double SATURATING_TOKENS = 2_048;

    private static final int CODE = 0;

    private static final int MATH = 1;

    private static final int REASONING = 2;

    private static final int CONSTRAINT = 3;

    private static final int SIMPLE = 4;

    private static final Map<String, Integer> VOCABULARY = vocabulary();

    private static final String[] REASONING_PHRASES = {"step by step", "step-by-step", "trade-off", "tradeoffs",
        "pros and cons", "what would happen", "walk me through", "think through", "root cause"};

    private static final String[] CONSTRAINT_PHRASES = {"at least", "at most", "no more than", "no longer than",
        "must not", "do not", "don't", "make sure", "in json", "as json", "as a table", "bullet points"};

    private final FeatureWeights weights;

    public FeatureComplexityScorer(FeatureWeights weights) {
        this.weights = weights;
    }

    public FeatureComplexityScorer() {
        this(FeatureWeights.DEFAULTS);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public double score(Prompt prompt) {
        return sigmoid(weights.linear(features(prompt)));
    }

    /** The features behind the score, for explanations and for training weights offline. */
    public ComplexityFeatures features(Prompt prompt) {
        String text = prompt.lastUserText();
        int scanned = Math.min(text.length(), MAX_SCANNED_CHARS);
        int[] hits = new int[5];
        StringBuilder word = new StringBuilder(24);
        int letters = 0;
        int nonAsciiLetters = 0;
        int digits = 0;
        int operatorsNearDigits = 0;
        int codeLineEnds = 0;
        int fences = 0;
        int numberedLines = 0;
        int backslashCommands = 0;
        boolean lineStart = true;
        for (int i = 0; i < scanned; i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (c > 0x7f) {
                    nonAsciiLetters++;
                }
                word.append(Character.toLowerCase(c));
            } else {
                endWord(word, hits);
                if (c >= '0' && c <= '9') {
                    digits++;
                    if (lineStart && i + 1 < scanned && (text.charAt(i + 1) == '.' || text.charAt(i + 1) == ')')) {
                        numberedLines++;
                    }
                } else if (isOperator(c) && (isDigitOrSpaceDigit(text, i - 1, -1) || isDigitOrSpaceDigit(text, i + 1, 1))) {
                    operatorsNearDigits++;
                } else if ((c == ';' || c == '{' || c == '}') && isLineEnd(text, i + 1, scanned)) {
                    codeLineEnds++;
                } else if (c == '`' && i + 2 < scanned && text.charAt(i + 1) == '`' && text.charAt(i + 2) == '`') {
                    fences++;
                    i += 2;
                } else if (c == '\\' && i + 1 < scanned && Character.isLetter(text.charAt(i + 1))) {
                    backslashCommands++;
                }
            }
            if (c == '\n') {
                lineStart = true;
            } else if (!Character.isWhitespace(c)) {
                lineStart = false;
            }
        }
        endWord(word, hits);
        String lower = text.substring(0, Math.min(scanned, PHRASE_SCAN_CHARS)).toLowerCase(Locale.ROOT);
        int reasoningPhrases = countPhrases(lower, REASONING_PHRASES);
        int constraintPhrases = countPhrases(lower, CONSTRAINT_PHRASES);

        double tokens = text.length() / 4.0;
        double length = Math.min(1.0, Math.log1p(tokens) / Math.log1p(SATURATING_TOKENS));
        double code = saturate(3.0 * fences / 2.0 + codeLineEnds / 2.0 + hits[CODE] / 2.0, 3.0);
        double math = saturate(hits[MATH] + operatorsNearDigits / 2.0 + backslashCommands
                + (letters > 0 ? 4.0 * digits / (letters + digits) : 0), 3.0);
        double reasoning = saturate(hits[REASONING] + 2.0 * reasoningPhrases, 3.0);
        double constraints = saturate(hits[CONSTRAINT] + constraintPhrases + numberedLines / 2.0, 4.0);
        double nonEnglish = letters == 0 ? 0 : (double) nonAsciiLetters / letters;
        double depth = Math.min(1.0, Math.max(0, prompt.userTurns() - 1) / 8.0);
        double simple = saturate(hits[SIMPLE], 1.0) * (1.0 - length);
        return new ComplexityFeatures(length, code, math, reasoning, constraints, nonEnglish, depth, simple);
    }

    private static void endWord(StringBuilder word, int[] hits) {
        if (word.isEmpty()) {
            return;
        }
        Integer kind = VOCABULARY.get(word.toString());
        if (kind != null) {
            hits[kind]++;
        }
        word.setLength(0);
    }

    private static boolean isOperator(char c) {
        return c == '+' || c == '-' || c == '*' || c == '/' || c == '=' || c == '^' || c == '<' || c == '>';
    }

    private static boolean isDigitOrSpaceDigit(String text, int index, int step) {
        int i = index;
        if (i >= 0 && i < text.length() && text.charAt(i) == ' ') {
            i += step;
        }
        if (i < 0 || i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z' && isSingleLetter(text, i));
    }

    /** A lone lowercase letter such as the x in {@code 2x + 3 = 7} is a variable. */
    private static boolean isSingleLetter(String text, int i) {
        boolean before = i == 0 || !Character.isLetter(text.charAt(i - 1));
        boolean after = i + 1 >= text.length() || !Character.isLetter(text.charAt(i + 1));
        return before && after;
    }

    private static boolean isLineEnd(String text, int from, int end) {
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static int countPhrases(String lower, String[] phrases) {
        int count = 0;
        for (String phrase : phrases) {
            if (lower.contains(phrase)) {
                count++;
            }
        }
        return count;
    }

    private static double saturate(double value, double full) {
        return Math.min(1.0, value / full);
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    private static Map<String, Integer> vocabulary() {
        Map<String, Integer> words = new HashMap<>();
        put(words, CODE, "def", "class", "function", "return", "import", "include", "public", "static", "void",
                "const", "let", "var", "async", "await", "lambda", "struct", "impl", "fn", "select", "where",
                "join", "regex", "api", "json", "yaml", "sql", "python", "java", "javascript", "typescript",
                "rust", "golang", "kotlin", "bash", "compile", "compiler", "debug", "bug", "stacktrace",
                "exception", "null", "refactor", "algorithm", "implement", "implementation", "recursion",
                "recursive", "thread", "concurrency", "kubernetes", "docker");
        put(words, MATH, "equation", "equations", "integral", "derivative", "differentiate", "integrate",
                "matrix", "matrices", "eigenvalue", "eigenvalues", "probability", "theorem", "lemma",
                "polynomial", "polynomials", "limit", "logarithm", "vector", "vectors", "solve", "calculate",
                "compute", "sum", "product", "percent", "percentage", "ratio", "fraction", "prime", "modulo",
                "factorial", "variance", "expected", "geometry", "triangle", "angle", "radius", "algebra",
                "calculus", "statistics", "infinite", "converge", "converges", "group", "subgroup", "ring",
                "field", "isomorphic", "homomorphism");
        put(words, REASONING, "why", "prove", "proof", "derive", "derivation", "explain", "justify", "analyze",
                "analyse", "analysis", "compare", "contrast", "evaluate", "assess", "critique", "design",
                "architect", "optimize", "optimise", "reason", "reasoning", "implications", "consequences",
                "strategy", "plan", "tradeoff", "therefore", "hypothesis", "infer", "deduce", "diagnose");
        put(words, CONSTRAINT, "must", "exactly", "only", "without", "require", "requires", "required",
                "requirement", "requirements", "constraint", "constraints", "format", "formatted", "ensure",
                "never", "always", "limit", "maximum", "minimum", "words", "sentences", "cite", "schema");
        put(words, SIMPLE, "hi", "hello", "hey", "thanks", "thank", "translate", "translation", "summarize",
                "summarise", "summary", "tldr", "rephrase", "paraphrase", "spell", "define", "definition",
                "synonym", "greet", "joke", "capital");
        return Map.copyOf(words);
    }

    private static void put(Map<String, Integer> words, int kind, String... entries) {
        for (String entry : entries) {
            words.putIfAbsent(entry, kind);
        }
    }
}
