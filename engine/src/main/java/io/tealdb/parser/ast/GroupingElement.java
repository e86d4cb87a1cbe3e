package io.tealdb.parser.ast;

/**
 * One element of GROUP BY.
 */
public sealed interface GroupingElement extends Node
        permits GroupingExpr,
        GroupingSet,
        SampleBy {}
