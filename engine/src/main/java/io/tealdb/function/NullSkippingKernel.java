package io.tealdb.function;

import io.tealdb.vector.Vector;

/**
 * DuckDB's default NULL handling for a user function: rows with a NULL argument are NULL in the
 * result without reaching the body, which gets the other rows packed together.
 */
record NullSkippingKernel(ScalarKernel body) implements ScalarKernel {
    @Override
    public void execute(Vector[] args, int count, Vector result) {
        int[] sel = null;
        int kept = count;
        for (Vector a : args) {
            if (!a.mayHaveNulls()) continue;
            if (sel == null) {
                sel = new int[count];
                for (int r = 0; r < count; r++) sel[r] = r;
            }
            int k = 0;
            for (int i = 0; i < kept; i++) {
                if (a.isValid(sel[i])) sel[k++] = sel[i];
            }
            kept = k;
        }
        if (sel == null || kept == count) {
            body.execute(args, count, result);
            return;
        }
        for (int r = 0; r < count; r++) result.setNull(r);
        if (kept == 0) return;
        Vector[] packed = new Vector[args.length];
        for (int c = 0; c < args.length; c++) {
            packed[c] = new Vector(args[c].type, kept);
            packed[c].copyFrom(args[c], sel, 0, kept, 0);
        }
        Vector answers = new Vector(result.type, kept);
        body.execute(packed, kept, answers);
        for (int i = 0; i < kept; i++) result.copyRow(answers, i, sel[i]);
    }
}
