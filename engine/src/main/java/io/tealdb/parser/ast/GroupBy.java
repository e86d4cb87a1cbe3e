package io.tealdb.parser.ast;

import java.util.List;

/**
 * A GROUP BY clause; all marks DuckDB's {@code GROUP BY ALL} (elements empty).
 */
public record GroupBy(
        boolean all,
        List<GroupingElement> elements,
        int pos) implements Node {}
