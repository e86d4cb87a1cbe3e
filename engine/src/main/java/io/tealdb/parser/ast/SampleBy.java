package io.tealdb.parser.ast;

import java.util.List;

/**
 * QuestDB's {@code SAMPLE BY <interval> [FILL(...)] [ALIGN TO CALENDAR [WITH OFFSET '..'] | ALIGN TO
 * FIRST OBSERVATION]}, kept as the only element of a GROUP BY: the binder turns it into a GROUP BY
 * of the non-aggregate select items and {@code time_bucket(interval, <timestamp column>)}.
 *
 * @param fills  one per aggregate of the select list in order (the last one repeats); empty = FILL(NONE)
 * @param offset ALIGN TO CALENDAR WITH OFFSET '[-]hh:mm' (null: none)
 */
public record SampleBy(
        Expr interval,
        List<Fill> fills,
        boolean alignToFirstObservation,
        String offset,
        int pos) implements GroupingElement {
    /** One FILL entry: NONE, NULL, PREV, LINEAR, or VALUE with a constant. */
    public record Fill(Kind kind, Expr value) {
        public enum Kind { NONE, NULL, PREV, LINEAR, VALUE }
    }
}
