package io.tealdb.parser.ast;

import java.util.List;

/**
 * A scalar expression. Special syntax forms (EXTRACT, SUBSTRING .. FROM .. FOR, POSITION .. IN,
 * TRIM .. FROM, AT TIME ZONE, ROW(..), x.f() method chains) are desugared into {@link FunctionCall}s
 * named after the equivalent DuckDB function (date_part, substring, position, trim/ltrim/rtrim,
 * timezone, row, f(x, ..)), so that the binder has fewer node kinds to handle.
 */
public sealed interface Expr extends Node
        permits NullLiteral,
        BooleanLiteral,
        IntegerLiteral,
        DecimalLiteral,
        StringLiteral,
        TypedLiteral,
        IntervalLiteral,
        ColumnRef,
        Star,
        ColumnsExpr,
        UnaryOp,
        BinaryOp,
        IsNull,
        IsBoolean,
        IsDistinctFrom,
        Between,
        InList,
        InSubquery,
        Like,
        Cast,
        Case,
        FunctionCall,
        NamedArgument,
        Exists,
        ScalarSubquery,
        QuantifiedComparison,
        Parameter,
        ListLiteral,
        StructLiteral,
        Subscript,
        Slice,
        FieldAccess,
        Lambda,
        Collate,
        DefaultValue,
        PositionalRef {}
