package io.tealdb.optimizer;

import io.tealdb.planner.expression.ColumnBinding;

import java.util.Map;

/**
 * Union-find over column bindings: the classes of columns that equalities make equal (join ordering
 * counts implied equalities by them, GROUP BY key reduction finds a key's equal columns by them). The
 * map holds each binding's parent; a binding missing from it is its own class.
 */
final class ColumnClasses {
    private ColumnClasses() {
    }

    /** The representative of {@code b}'s class (compressing the path to it). */
    static ColumnBinding find(Map<ColumnBinding, ColumnBinding> parent, ColumnBinding b) {
        ColumnBinding p = parent.get(b);
        if (p == null || p.equals(b)) return b;
        ColumnBinding root = find(parent, p);
        parent.put(b, root);
        return root;
    }

    /** Merges the classes of {@code a} and {@code b}. */
    static void union(Map<ColumnBinding, ColumnBinding> parent, ColumnBinding a, ColumnBinding b) {
        ColumnBinding ra = find(parent, a);
        ColumnBinding rb = find(parent, b);
        if (!ra.equals(rb)) parent.put(ra, rb);
    }
}
