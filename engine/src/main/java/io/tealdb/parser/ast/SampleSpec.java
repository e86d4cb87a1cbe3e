package io.tealdb.parser.ast;

/**
 * A sample as written: {@code 10%}, {@code 10 PERCENT (bernoulli)}, {@code 50 ROWS},
 * {@code reservoir(50 ROWS) REPEATABLE (42)}, {@code 10% (system, 377)}. {@code method} is null
 * when none is named (then a percentage samples by SYSTEM and a row count by RESERVOIR);
 * {@code seed} is null without REPEATABLE.
 */
public record SampleSpec(double size, boolean percentage, SampleMethod method, Long seed, int pos) implements Node {}
