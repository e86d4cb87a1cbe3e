package io.tealdb.parser.ast;

import java.util.List;

/**
 * One {@code WHEN [NOT] MATCHED [BY SOURCE | BY TARGET] [AND condition] THEN action} of MERGE.
 * UPDATE: {@code sets} (empty for {@code UPDATE} / {@code UPDATE SET *}: every column from the
 * source, by position or by name). INSERT: {@code columns} and {@code values} (values empty for
 * {@code INSERT} / {@code INSERT *}: the source columns), or {@code defaultValues}. ERROR:
 * {@code values} holds the optional message. condition may be null.
 */
public record MergeAction(
        MergeMatch match,
        Expr condition,
        MergeActionKind kind,
        List<SetClause> sets,
        boolean byName,
        List<Identifier> columns,
        List<Expr> values,
        boolean defaultValues,
        int pos) implements Node {
    /** Which rows of the source/target join a WHEN clause applies to. */
    public enum MergeMatch { MATCHED, NOT_MATCHED_BY_TARGET, NOT_MATCHED_BY_SOURCE }

    /** What a WHEN clause does. */
    public enum MergeActionKind { UPDATE, DELETE, INSERT, DO_NOTHING, ERROR }
}
