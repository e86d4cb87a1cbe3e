package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code {'a': 1, b: 2}}.
 */
public record StructLiteral(
        List<StructField> fields,
        int pos) implements Expr {}
