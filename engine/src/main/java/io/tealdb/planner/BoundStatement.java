package io.tealdb.planner;

/** A statement the binder turned into plans: a query or DML. DDL and utility statements are run from the AST by the session. */
public sealed interface BoundStatement permits BoundQuery, BoundInsert, BoundUpdate, BoundDelete, BoundMerge {
}
