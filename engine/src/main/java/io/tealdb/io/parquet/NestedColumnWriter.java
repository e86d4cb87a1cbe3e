package io.tealdb.io.parquet;

import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a LIST / ARRAY / STRUCT / MAP column as Parquet groups over leaf column chunks, in DuckDB's
 * layout: {@code optional group c (LIST) { repeated group list { optional element } }},
 * {@code optional group c (MAP) { repeated group key_value { required key; optional value } }} and a
 * plain optional group per STRUCT. Rows are shredded into each leaf's levels a chunk at a time, top
 * down: a node turns the slots it receives (a row of its vector, or an absent slot that only carries
 * the levels reached) into its children's slots with one loop over primitive arrays.
 */
final class NestedColumnWriter {
    private sealed interface Node {
    }

    private record Leaf(ColumnChunkWriter writer) implements Node {
    }

    /** {@code def}: the definition level of a present struct; a MAP's key/value group is the repeated one. */
    private record Struct(String name, boolean repeated, int def, List<String> names, List<Node> children, Integer fieldId) implements Node {
    }

    /** A list (a MAP's element is its key/value struct): {@code def} present, {@code def + 1} with an element. */
    private record ListNode(String name, boolean map, int def, int rep, Node element, Integer fieldId) implements Node {
    }

    private final Node root;
    private final List<ColumnChunkWriter> leaves = new ArrayList<>();

    /** @param ids the column's FIELD_IDS (null: none) */
    NestedColumnWriter(String name, LogicalType type, ParquetFieldIds ids) {
        root = build(name, type, 0, 0, List.of(), true, ids);
    }

    /** The leaf writers in schema order (one column chunk each). */
    List<ColumnChunkWriter> leaves() {
        return leaves;
    }

    private Node build(String name, LogicalType type, int parentDef, int rep, List<String> parentPath, boolean optional,
                       ParquetFieldIds ids) {
        Integer fieldId = ids == null ? null : ids.id();
        List<String> path = new ArrayList<>(parentPath);
        path.add(name);
        int def = parentDef + (optional ? 1 : 0);
        switch (type.id()) {
            case LIST, ARRAY -> {
                List<String> inner = new ArrayList<>(path);
                inner.add("list");
                return new ListNode(name, false, def, rep + 1, build("element", type.childType(), def + 1, rep + 1, inner, true,
                        child(ids, "element")), fieldId);
            }
            case MAP -> {
                List<String> inner = new ArrayList<>(path);
                inner.add("key_value");
                Node key = build("key", type.mapKey(), def + 1, rep + 1, inner, false, child(ids, "key"));
                Node value = build("value", type.mapValue(), def + 1, rep + 1, inner, true, child(ids, "value"));
                return new ListNode(name, true, def, rep + 1,
                        new Struct("key_value", true, def + 1, List.of("key", "value"), List.of(key, value), null), fieldId);
            }
            case STRUCT -> {
                List<String> names = new ArrayList<>();
                List<Node> kids = new ArrayList<>();
                for (TypeField f : type.children()) {
                    names.add(f.name());
                    kids.add(build(f.name(), f.type(), def, rep, path, true, child(ids, f.name())));
                }
                return new Struct(name, false, def, names, kids, fieldId);
            }
            default -> {
                ColumnChunkWriter w = new ColumnChunkWriter(name, type, path, def, rep, optional);
                w.fieldId = fieldId;
                leaves.add(w);
                return new Leaf(w);
            }
        }
    }

    private static ParquetFieldIds child(ParquetFieldIds ids, String name) {
        return ids == null ? null : ids.child(name);
    }

    /** Appends rows {@code [from, from + n)} of {@code v}. */
    void append(Vector v, int from, int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = from + i;
        shred(root, v, rows, new byte[n], new byte[n], n);
    }

    /**
     * {@code at[j]}: the row of {@code v} slot j stands for, or -1 for an absent slot (an ancestor is
     * NULL or an empty list), whose {@code defs[j]} is the level reached; a present slot's
     * {@code defs[j]} is the level of the node's parent.
     */
    private static void shred(Node node, Vector v, int[] at, byte[] reps, byte[] defs, int n) {
        switch (node) {
            case Leaf l -> {
                ColumnChunkWriter w = l.writer();
                byte[] entryDefs = new byte[n];
                for (int j = 0; j < n; j++) {
                    int r = at[j];
                    if (r >= 0 && v.isValid(r)) {
                        entryDefs[j] = (byte) w.maxDef;
                    } else {
                        if (r >= 0 && !w.optional) throw new ParquetFormatException("a MAP key is NULL");
                        entryDefs[j] = defs[j];
                    }
                }
                w.appendEntries(v, at, reps, entryDefs, n);
            }
            case Struct s -> {
                int[] kidAt = new int[n];
                byte[] kidDefs = new byte[n];
                for (int j = 0; j < n; j++) {
                    int r = at[j];
                    boolean present = r >= 0 && v.isValid(r);
                    kidAt[j] = present ? r : -1;
                    kidDefs[j] = present ? (byte) s.def() : defs[j];
                }
                for (int k = 0; k < s.children().size(); k++) shred(s.children().get(k), v.children[k], kidAt, reps, kidDefs, n);
            }
            case ListNode l -> {
                int m = 0;
                for (int j = 0; j < n; j++) {
                    int r = at[j];
                    m += r >= 0 && v.isValid(r) && v.lengths[r] > 0 ? v.lengths[r] : 1;
                }
                int[] kidAt = new int[m];
                byte[] kidReps = new byte[m];
                byte[] kidDefs = new byte[m];
                int k = 0;
                for (int j = 0; j < n; j++) {
                    int r = at[j];
                    if (r >= 0 && v.isValid(r) && v.lengths[r] > 0) {
                        int off = v.offsets[r];
                        for (int e = 0; e < v.lengths[r]; e++, k++) {
                            kidAt[k] = off + e;
                            kidReps[k] = e == 0 ? reps[j] : (byte) l.rep();
                            kidDefs[k] = (byte) (l.def() + 1);
                        }
                    } else {
                        kidAt[k] = -1;
                        kidReps[k] = reps[j];
                        // an empty list reaches the list's level; a NULL one (or an absent slot) stays below it
                        kidDefs[k] = r >= 0 && v.isValid(r) ? (byte) l.def() : defs[j];
                        k++;
                    }
                }
                shred(l.element(), v.children[0], kidAt, kidReps, kidDefs, m);
            }
        }
    }

    /** How many schema elements {@link #writeSchema} writes. */
    int schemaElements() {
        return count(root);
    }

    private static int count(Node node) {
        return switch (node) {
            case Leaf l -> 1;
            case Struct s -> 1 + s.children().stream().mapToInt(NestedColumnWriter::count).sum();
            case ListNode l -> 1 + (l.map() ? 0 : 1) + count(l.element());
        };
    }

    /** Writes the column's schema elements (groups, then leaves), depth first. */
    void writeSchema(ThriftCompactWriter w) {
        writeSchema(w, root);
    }

    private static void writeSchema(ThriftCompactWriter w, Node node) {
        switch (node) {
            case Leaf l -> l.writer().writeSchema(w);
            case Struct s -> {
                group(w, s.name(), s.repeated() ? ParquetEnums.REPEATED : ParquetEnums.OPTIONAL, s.children().size(), -1, s.fieldId());
                for (Node c : s.children()) writeSchema(w, c);
            }
            case ListNode l -> {
                group(w, l.name(), ParquetEnums.OPTIONAL, 1, l.map() ? ParquetEnums.MAP : ParquetEnums.LIST, l.fieldId());
                if (l.map()) {
                    writeSchema(w, l.element()); // the repeated key_value group
                } else {
                    group(w, "list", ParquetEnums.REPEATED, 1, -1, null);
                    writeSchema(w, l.element());
                }
            }
        }
    }

    /** A group schema element; {@code converted} LIST or MAP also sets the matching logical type. */
    private static void group(ThriftCompactWriter w, String name, int repetition, int children, int converted, Integer fieldId) {
        w.beginListStruct();
        w.i32(3, repetition);
        w.string(4, name);
        w.i32(5, children);
        if (converted >= 0) w.i32(6, converted);
        if (fieldId != null) w.i32(9, fieldId);
        if (converted >= 0) {
            w.structField(10);
            w.structField(converted == ParquetEnums.LIST ? 3 : 2);
            w.endStruct();
            w.endStruct();
        }
        w.endStruct();
    }
}
