package io.tealdb.planner;

import io.tealdb.parser.ast.ColumnsExpr;
import io.tealdb.parser.ast.Expr;
import io.tealdb.parser.ast.QueryNode;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Generic read-only walks over expression ASTs (all AST nodes are records): used to find the
 * {@code COLUMNS(..)} expressions of a select-list entry without a visitor per node type. Does not
 * descend into subqueries, whose COLUMNS expressions belong to their own select lists.
 */
final class AstNodes {
    private AstNodes() {
    }

    /** Every COLUMNS(..) expression in {@code e}, in source order. */
    static List<ColumnsExpr> columnsExpressions(Expr e) {
        List<ColumnsExpr> out = new ArrayList<>();
        walk(e, out);
        return out;
    }

    /** The last name part of every column reference in {@code e} (generated column dependencies). */
    static List<String> columnNames(Expr e) {
        List<String> out = new ArrayList<>();
        walkRefs(e, out);
        return out;
    }

    private static void walkRefs(Object node, List<String> out) {
        if (node == null || node instanceof QueryNode) return;
        if (node instanceof io.tealdb.parser.ast.ColumnRef c) {
            out.add(c.last().text());
            return;
        }
        if (node instanceof List<?> list) {
            for (Object o : list) walkRefs(o, out);
            return;
        }
        if (!(node instanceof Record r) || !r.getClass().getPackageName().equals("io.tealdb.parser.ast")) return;
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            try {
                walkRefs(rc.getAccessor().invoke(r), out);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    private static void walk(Object node, List<ColumnsExpr> out) {
        if (node == null || node instanceof QueryNode) return;
        if (node instanceof ColumnsExpr c) {
            out.add(c);
            return;
        }
        if (node instanceof List<?> list) {
            for (Object o : list) walk(o, out);
            return;
        }
        if (!(node instanceof Record r) || !r.getClass().getPackageName().equals("io.tealdb.parser.ast")) return;
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            try {
                walk(rc.getAccessor().invoke(r), out);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /**
     * {@code node} with every subtree identical (==) to a key of {@code replacements} replaced by
     * its value; other records are rebuilt only where something below them changed. Does not
     * descend into subqueries.
     */
    @SuppressWarnings("unchecked")
    static <T> T replace(T node, java.util.IdentityHashMap<Object, Object> replacements) {
        if (node == null) return null;
        Object direct = replacements.get(node);
        if (direct != null) return (T) direct;
        if (node instanceof QueryNode) return node;
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object o : list) {
                Object r = replace(o, replacements);
                changed |= r != o;
                out.add(r);
            }
            return changed ? (T) out : node;
        }
        if (!(node instanceof Record r) || !r.getClass().getPackageName().equals("io.tealdb.parser.ast")) return node;
        RecordComponent[] components = r.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        try {
            for (int i = 0; i < components.length; i++) {
                Object v = components[i].getAccessor().invoke(r);
                Object n = replace(v, replacements);
                changed |= n != v;
                args[i] = n;
                types[i] = components[i].getType();
            }
            return changed ? (T) r.getClass().getDeclaredConstructor(types).newInstance(args) : node;
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Every node of {@code e} (pre-order, records and their record children), not inside subqueries. */
    static List<Object> nodes(Object e) {
        List<Object> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Object node, List<Object> out) {
        if (node == null || node instanceof QueryNode) return;
        if (node instanceof List<?> list) {
            for (Object o : list) collect(o, out);
            return;
        }
        if (!(node instanceof Record r) || !r.getClass().getPackageName().equals("io.tealdb.parser.ast")) return;
        out.add(node);
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            try {
                collect(rc.getAccessor().invoke(r), out);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
