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

    private static void walkRefs(Object root, List<String> out) {
        forEachNode(root, node -> {
            if (node instanceof io.tealdb.parser.ast.ColumnRef c) {
                out.add(c.last().text());
                return false;
            }
            return true;
        });
    }

    private static void walk(Object root, List<ColumnsExpr> out) {
        forEachNode(root, node -> {
            if (node instanceof ColumnsExpr c) {
                out.add(c);
                return false;
            }
            return true;
        });
    }

    /**
     * Visits the AST nodes under {@code root} in source order (not into subqueries); the visitor
     * returns whether to descend into a node. Iterative on purpose: a chain like
     * {@code x + x + ... + x} of thousands of terms is that deep, and it must reach the binder's
     * max_expression_depth check instead of overflowing the stack here.
     */
    static void forEachNode(Object root, java.util.function.Predicate<Object> visitor) {
        forEachNode(root, false, visitor);
    }

    /** The highest positional parameter ({@code $3}, or the third {@code ?}) anywhere in {@code root}, subqueries included. */
    static int maxParameter(Object root) {
        int[] max = {0};
        forEachNode(root, true, node -> {
            if (node instanceof io.tealdb.parser.ast.Parameter p) max[0] = Math.max(max[0], p.index());
            return true;
        });
        return max[0];
    }

    private static void forEachNode(Object root, boolean intoQueries, java.util.function.Predicate<Object> visitor) {
        java.util.ArrayDeque<Object> stack = new java.util.ArrayDeque<>();
        if (root != null) stack.push(root);
        while (!stack.isEmpty()) {
            Object node = stack.pop();
            if (node instanceof QueryNode && !intoQueries) continue;
            if (node instanceof List<?> list) {
                for (int i = list.size() - 1; i >= 0; i--) {
                    if (list.get(i) != null) stack.push(list.get(i));
                }
                continue;
            }
            if (!(node instanceof Record r) || !r.getClass().getPackageName().equals("io.tealdb.parser.ast")) continue;
            if (!visitor.test(node)) continue;
            RecordComponent[] components = r.getClass().getRecordComponents();
            for (int i = components.length - 1; i >= 0; i--) {
                try {
                    Object child = components[i].getAccessor().invoke(r);
                    if (child != null) stack.push(child);
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
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
