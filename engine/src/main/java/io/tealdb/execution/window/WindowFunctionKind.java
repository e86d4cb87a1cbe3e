package io.tealdb.execution.window;

import io.tealdb.error.NotImplementedException;

import java.util.Locale;

/** The built-in window functions, plus AGGREGATE for any aggregate used with OVER. */
public enum WindowFunctionKind {
    ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE,
    LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE,
    /** fill(x [ORDER BY k]): NULLs interpolated along k over the whole partition (see FillWindow). */
    FILL,
    AGGREGATE;

    /** Kind of a BoundWindow's name (null name = aggregate). */
    public static WindowFunctionKind of(String name) {
        if (name == null) return AGGREGATE;
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "row_number" -> ROW_NUMBER;
            case "rank" -> RANK;
            case "dense_rank" -> DENSE_RANK;
            case "percent_rank" -> PERCENT_RANK;
            case "cume_dist" -> CUME_DIST;
            case "ntile" -> NTILE;
            case "lag" -> LAG;
            case "lead" -> LEAD;
            case "first_value" -> FIRST_VALUE;
            case "last_value" -> LAST_VALUE;
            case "nth_value" -> NTH_VALUE;
            case "fill" -> FILL;
            default -> throw new NotImplementedException("Window function " + name + " is not implemented");
        };
    }

    /** Functions whose result depends on the frame (the others look at the whole partition). */
    boolean usesFrame() {
        return this == FIRST_VALUE || this == LAST_VALUE || this == NTH_VALUE || this == AGGREGATE;
    }

    /** With an argument ORDER BY, every non-aggregate function works on the frame sorted by it. */
    boolean usesFrame(boolean argumentOrder) {
        return usesFrame() || argumentOrder;
    }
}
