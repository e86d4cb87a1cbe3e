package io.tealdb.parser.ast;

import java.util.List;

/**
 * {@code *} or {@code t.*} with DuckDB's {@code EXCLUDE (..)}, {@code REPLACE (expr AS col)}
 * and {@code RENAME (a AS b)} modifiers. Also used for {@code count(*)} is NOT this node
 * (see {@link FunctionCall#star()}); in ORDER BY a bare Star stands for {@code ORDER BY ALL}.
 */
public record Star(
        List<Identifier> qualifier,
        List<Identifier> exclude,
        List<ReplaceItem> replace,
        List<RenameItem> rename,
        int pos) implements Expr {}
