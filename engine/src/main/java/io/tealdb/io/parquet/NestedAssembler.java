package io.tealdb.io.parquet;

import io.tealdb.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * Rebuilds nested vectors from the level streams of a field's leaves (the Dremel record assembly,
 * bottom up as DuckDB and arrow-rs do it). Each node turns its children's entries into its own
 * entries: a leaf has one entry per level pair; a list folds the entries that continue it
 * (repetition level at or above its own) into one entry, keeping as elements only those defined
 * deeply enough; a struct pairs its children's entries one to one. An entry carries the repetition
 * and definition level of its first level pair, which is what the node above looks at.
 */
final class NestedAssembler {
    private NestedAssembler() {
    }

    /** A leaf's entries for a run of records: values (NULL where undefined) and the levels of each. */
    static final class LeafEntries {
        final Vector values;
        byte[] reps = new byte[2048];
        byte[] defs = new byte[2048];
        int count;

        LeafEntries(ParquetColumn column) {
            values = new Vector(column.type(), 2048);
        }

        void reset() {
            values.reset();
            count = 0;
        }

        void reserve(int entries) {
            if (entries > reps.length) {
                int cap = Math.max(entries, reps.length * 2);
                reps = Arrays.copyOf(reps, cap);
                defs = Arrays.copyOf(defs, cap);
            }
            values.reserve(entries);
        }
    }

    /** A node's entries: its vector (one row per entry) and each entry's levels. */
    record Entries(Vector vector, byte[] reps, byte[] defs, int count) {
    }

    /** Assembles {@code node} from its leaves' entries ({@code leaves} in {@link ParquetNode#leaves()} order). */
    static Entries assemble(ParquetNode node, List<LeafEntries> leaves) {
        int[] next = {0};
        return assemble(node, leaves, next);
    }

    private static Entries assemble(ParquetNode node, List<LeafEntries> leaves, int[] next) {
        return switch (node) {
            case ParquetNode.Leaf l -> {
                LeafEntries e = leaves.get(next[0]++);
                yield new Entries(e.values, e.reps, e.defs, e.count);
            }
            case ParquetNode.Struct s -> struct(s, leaves, next);
            case ParquetNode.ListNode l -> list(l, assemble(l.element(), leaves, next));
        };
    }

    private static Entries struct(ParquetNode.Struct s, List<LeafEntries> leaves, int[] next) {
        Entries[] kids = new Entries[s.children().size()];
        for (int k = 0; k < kids.length; k++) kids[k] = assemble(s.children().get(k), leaves, next);
        int n = kids[0].count();
        for (Entries k : kids) {
            if (k.count() != n) throw new ParquetFormatException("the leaves of a struct disagree on its number of values");
        }
        Vector out = new Vector(s.type(), Math.max(n, 1));
        for (int k = 0; k < kids.length; k++) {
            Vector c = kids[k].vector();
            c.reserve(Math.max(n, 1));
            out.children[k] = c;
        }
        byte[] defs = kids[0].defs();
        int def = s.def();
        for (int i = 0; i < n; i++) if (defs[i] < def) out.setNull(i);
        return new Entries(out, kids[0].reps(), defs, n);
    }

    private static Entries list(ParquetNode.ListNode l, Entries c) {
        int m = c.count();
        byte[] reps = c.reps();
        byte[] defs = c.defs();
        int rep = l.rep();
        int listDef = l.listDef();
        int elementDef = l.elementDef();
        int slots = 0;
        int elements = 0;
        for (int j = 0; j < m; j++) {
            if (reps[j] < rep) slots++;
            if (defs[j] >= elementDef) elements++;
        }
        if (m > 0 && reps[0] >= rep) throw new ParquetFormatException("repetition levels continue a list that was never started");
        Vector out = new Vector(l.type(), Math.max(slots, 1));
        // the element vector: the child's entries that are elements (the others only mark NULL or empty lists)
        Vector elementsVector;
        if (elements == m) {
            elementsVector = c.vector();
        } else {
            int[] sel = new int[elements];
            int k = 0;
            for (int j = 0; j < m; j++) if (defs[j] >= elementDef) sel[k++] = j;
            elementsVector = new Vector(c.vector().type, Math.max(elements, 1));
            elementsVector.copyFrom(c.vector(), sel, 0, elements, 0);
        }
        out.children[0] = elementsVector;
        out.childUsed = elements;
        byte[] outReps = new byte[Math.max(slots, 1)];
        byte[] outDefs = new byte[Math.max(slots, 1)];
        int s = -1;
        int at = 0;
        for (int j = 0; j < m; j++) {
            if (reps[j] < rep) {
                s++;
                out.offsets[s] = at;
                out.lengths[s] = 0;
                outReps[s] = reps[j];
                outDefs[s] = defs[j];
                if (defs[j] < listDef) out.setNull(s);
            }
            if (defs[j] >= elementDef) {
                out.lengths[s]++;
                at++;
            }
        }
        return new Entries(out, outReps, outDefs, slots);
    }
}
