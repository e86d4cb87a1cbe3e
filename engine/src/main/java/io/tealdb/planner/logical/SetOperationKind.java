package io.tealdb.planner.logical;

public enum SetOperationKind { UNION, INTERSECT, EXCEPT }
