package io.tealdb.parser.ast;

/**
 * An item of FROM.
 */
public sealed interface TableRef extends Node
        permits BaseTableRef,
        SubqueryRef,
        TableFunctionRef,
        JoinRef,
        FileRef,
        PivotRef,
        UnpivotRef,
        ShowRef,
        SampledRef {}
