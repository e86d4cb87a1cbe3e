package io.tealdb.parser.ast;

import java.util.List;

/** EXPORT DATABASE [name TO] 'dir' [(FORMAT csv|parquet, ...)]: {@code path} is normally a StringLiteral. */
public record ExportDatabase(Expr path, List<Option> options, int pos) implements Statement {
}
