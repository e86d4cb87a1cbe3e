package io.tealdb.planner.expression;

/**
 * A window frame. Offsets are null for UNBOUNDED; {@code startPreceding}/{@code endPreceding} tell the
 * direction; CURRENT ROW is offset 0. The default frame (no ORDER BY: whole partition; with ORDER BY:
 * RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) is represented explicitly by the binder.
 */
public record WindowFrame(Mode mode, BoundExpr startOffset, boolean startPreceding, BoundExpr endOffset,
                          boolean endPreceding, Exclude exclude) {
    public enum Mode { ROWS, RANGE, GROUPS }

    public enum Exclude { NO_OTHERS, CURRENT_ROW, GROUP, TIES }
}
