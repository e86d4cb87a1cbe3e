package io.tealdb.parser.ast;

/**
 * A top-level SQL statement.
 */
public sealed interface Statement extends Node
        permits SelectStatement,
        CreateTable,
        CreateView,
        CreateSchema,
        CreateSequence,
        CreateMacro,
        CreateIndex,
        CreateType,
        Drop,
        Insert,
        Update,
        Delete,
        Truncate,
        Copy,
        Transaction,
        AlterTable,
        Explain,
        SetVariable,
        ResetVariable,
        Pragma,
        Prepare,
        Execute,
        Deallocate,
        Show,
        Describe,
        Use,
        Checkpoint,
        Vacuum,
        Call,
        Attach,
        Detach,
        Load,
        Merge {}
