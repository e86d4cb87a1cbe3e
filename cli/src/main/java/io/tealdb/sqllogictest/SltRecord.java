package io.tealdb.sqllogictest;

import java.util.List;

/**
 * One record of a sqllogictest file (see shared/sqllogictest/FORMAT.md). Records are immutable
 * and carry the 1-based line number of their directive line.
 */
public sealed interface SltRecord {

    int line();

    /** A {@code skipif}/{@code onlyif} line preceding a statement, query or continue. */
    record Condition(boolean skipIf, String parameter) {}

    enum ExpectedOutcome { OK, ERROR, MAYBE }

    enum SortMode { NOSORT, ROWSORT, VALUESORT }

    /** {@code statement ok|error|maybe [connection]}; {@code expectedError} is null when absent. */
    record Statement(int line, List<Condition> conditions, ExpectedOutcome outcome, String connection,
                     String sql, String expectedError) implements SltRecord {}

    /**
     * {@code query <letters> [sortmode|connection] [label]}. {@code expected} holds the lines after
     * {@code ----} (or, without a separator, the non-empty lines that follow the SQL).
     */
    record Query(int line, List<Condition> conditions, int columnCount, SortMode sortMode, String connection,
                 String label, String sql, List<String> expected) implements SltRecord {}

    /** {@code loop var start end} (end exclusive) or {@code foreach names tokens...}. */
    record Loop(int line, boolean foreach, boolean concurrent, List<String> names, List<String> tokens,
                List<SltRecord> body) implements SltRecord {}

    record Continue(int line, List<Condition> conditions) implements SltRecord {}

    record Require(int line, String name, List<String> args) implements SltRecord {}

    record RequireEnv(int line, String name, String value) implements SltRecord {}

    record TestEnv(int line, String name, String defaultValue) implements SltRecord {}

    /** {@code set ...} directive: all parameters after {@code set}. */
    record Set(int line, List<String> params, String rawLine) implements SltRecord {}

    /** {@code reset label NAME} and other {@code reset} forms. */
    record Reset(int line, List<String> params) implements SltRecord {}

    record HashThreshold(int line, int threshold) implements SltRecord {}

    record Halt(int line) implements SltRecord {}

    record Reconnect(int line) implements SltRecord {}

    record Sleep(int line, long nanos) implements SltRecord {}

    /** {@code mode output_result|output_hash|debug|no_output}: diagnostics, no effect on checks. */
    record Mode(int line, String mode) implements SltRecord {}

    /**
     * A directive this runner does not support ({@code load}, {@code restart}, {@code unzip},
     * {@code include}, unknown words...): reaching it skips the rest of the file with a reason.
     */
    record Unsupported(int line, String directive, String reason) implements SltRecord {}
}
