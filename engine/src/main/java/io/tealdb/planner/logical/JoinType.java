package io.tealdb.planner.logical;

/** Join kinds of the logical plan. */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL,
    /** Left rows with at least one match (EXISTS / IN). Output: left columns only. */
    SEMI,
    /** Left rows with no match (NOT EXISTS). Output: left columns only. */
    ANTI,
    /**
     * Left rows plus a BOOLEAN "mark" column: true if a match exists, false if not, NULL if no
     * match but a comparison was NULL (IN/ANY semantics). Output: left columns + (markIndex, 0).
     */
    MARK,
    /** LEFT join that fails if a left row matches more than one right row (scalar subqueries). */
    SINGLE;

    public boolean outputsRight() {
        return this == INNER || this == LEFT || this == RIGHT || this == FULL || this == SINGLE;
    }
}
