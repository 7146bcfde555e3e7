package io.signalbox.routing.complexity;

/**
 * The signals {@link FeatureComplexityScorer} reads from a prompt, each in [0, 1], so an explanation
 * can show why a prompt scored as it did.
 *
 * @param length the last user message's estimated length, on a log scale (1 = about 2,000 tokens or more)
 * @param code signs of source code (fences, keywords, braces and semicolons at line ends)
 * @param math signs of mathematics (LaTeX, equations, operators between numbers, math vocabulary)
 * @param reasoning multi-step reasoning markers (prove, derive, step by step, compare, why)
 * @param constraints explicit constraints on the answer (must, exactly, at most, format demands, numbered requirements)
 * @param nonEnglish the share of letters outside ASCII, a proxy for a non-English prompt
 * @param depth how deep the conversation is (1 = nine or more user turns)
 * @param simpleTask markers of routine tasks a small model does well (translate, summarise, greet, define)
 */
public record ComplexityFeatures(double length, double code, double math, double reasoning, double constraints,
        double nonEnglish, double depth, double simpleTask) {
}
