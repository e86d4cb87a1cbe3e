package io.tealdb.io.parquet;

import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * A top-level Parquet field as a tree of what its levels mean (the Dremel encoding): leaves are
 * column chunks, structs are groups, lists are repeated fields (LIST- and MAP-annotated groups and
 * bare repeated fields alike). Each node records the definition level from which it is present and,
 * for lists, the repetition level that starts a new element, so {@link NestedAssembler} can rebuild
 * vectors from one leaf's levels per node.
 */
public sealed interface ParquetNode {
    LogicalType type();

    /** The leaf columns below this node, in schema order. */
    default List<ParquetColumn> leaves() {
        List<ParquetColumn> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(ParquetNode n, List<ParquetColumn> out) {
        switch (n) {
            case Leaf l -> out.add(l.column());
            case Struct s -> {
                for (ParquetNode c : s.children()) collect(c, out);
            }
            case ListNode l -> collect(l.element(), out);
        }
    }

    /** A primitive column; a value is present where the entry's definition level is the column's maximum. */
    record Leaf(ParquetColumn column) implements ParquetNode {
        @Override
        public LogicalType type() {
            return column.type();
        }
    }

    /** A group read as STRUCT: non-NULL where the entry's definition level is at least {@code def}. */
    record Struct(LogicalType type, int def, List<ParquetNode> children) implements ParquetNode {
    }

    /**
     * A repeated field read as LIST (or MAP, whose element is STRUCT(key, value)): NULL below
     * definition level {@code listDef}, empty at {@code listDef}, an element from {@code elementDef};
     * an entry whose repetition level is below {@code rep} starts a new list.
     */
    record ListNode(LogicalType type, int listDef, int elementDef, int rep, ParquetNode element) implements ParquetNode {
    }
}
