package io.tealdb.function.table;

import io.tealdb.function.JoinKeyFilter;
import io.tealdb.vector.Vector;

/**
 * Keeps the rows of an INTEGER or BIGINT column whose value can find a partner in a hash join's
 * build: within the build keys' range and, when the join made one, set in its bitmap of key values.
 * NULL never finds a partner.
 */
record JoinKeySelection(JoinKeyFilter key) implements RowSelection {

    @Override
    public int select(Vector v, int[] sel, int count) {
        return key.select(v, sel, count);
    }
}
