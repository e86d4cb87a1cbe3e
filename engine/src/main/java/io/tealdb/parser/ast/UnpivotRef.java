package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code source UNPIVOT [INCLUDE NULLS] (values FOR name IN (entries))}, also the UNPIVOT
 * statement's {@code UNPIVOT source ON entries INTO NAME name VALUE values}. Each output row of
 * the source becomes one row per entry: the untouched columns, the entry's name, its values.
 * alias may be null.
 */
public record UnpivotRef(
        TableRef source,
        List<Identifier> valueNames,
        Identifier nameColumn,
        List<PivotEntry> entries,
        boolean includeNulls,
        TableAlias alias,
        int pos) implements TableRef {}
