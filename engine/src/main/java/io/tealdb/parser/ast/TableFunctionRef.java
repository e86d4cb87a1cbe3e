package io.tealdb.parser.ast;

/**
 * A table function in FROM, e.g. {@code range(10)} or {@code read_csv('f', header = true)};
 * {@code withOrdinality} for {@code unnest(l) WITH ORDINALITY} (a second column numbering the rows).
 */
public record TableFunctionRef(
        FunctionCall call,
        boolean lateral,
        boolean withOrdinality,
        TableAlias alias,
        int pos) implements TableRef {
    public TableFunctionRef(FunctionCall call, boolean lateral, TableAlias alias, int pos) {
        this(call, lateral, false, alias, pos);
    }
}
