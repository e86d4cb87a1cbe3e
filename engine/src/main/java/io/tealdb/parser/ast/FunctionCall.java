package io.tealdb.parser.ast;

import java.util.List;

/**
 * A function, aggregate or window call. {@code star} marks {@code count(*)} (args empty);
 * orderBy is the in-argument ORDER BY of ordered aggregates ({@code string_agg(x, ',' ORDER BY y)});
 * filter is the FILTER (WHERE ..) condition or null; over is the OVER clause or null; respectNulls
 * records an explicit RESPECT NULLS (the default, which only some window functions accept).
 * Named arguments appear in args as {@link NamedArgument}s.
 */
public record FunctionCall(
        QualifiedName name,
        List<Expr> args,
        boolean distinct,
        boolean star,
        List<OrderItem> orderBy,
        Expr filter,
        boolean ignoreNulls,
        boolean respectNulls,
        WindowSpec over,
        int pos) implements Expr {
    public FunctionCall(QualifiedName name, List<Expr> args, boolean distinct, boolean star, List<OrderItem> orderBy, Expr filter,
                        boolean ignoreNulls, WindowSpec over, int pos) {
        this(name, args, distinct, star, orderBy, filter, ignoreNulls, false, over, pos);
    }

    /** A plain call without DISTINCT/ORDER BY/FILTER/OVER. */
    public static FunctionCall of(String name, List<Expr> args, int pos) {
        return new FunctionCall(new QualifiedName(List.of(new Identifier(name, false, pos)), pos),
                args, false, false, List.of(), null, false, null, pos);
    }
}
