package io.tealdb.planner;

import io.tealdb.parser.ast.ColumnsExpr;
import io.tealdb.parser.ast.Expr;
import io.tealdb.parser.ast.QueryNode;

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
            if (!AstRecords.isAst(node)) continue;
            if (!visitor.test(node)) continue;
            for (int i = AstRecords.size(node) - 1; i >= 0; i--) {
                Object child = AstRecords.get(node, i);
                if (child != null) stack.push(child);
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
        if (!AstRecords.isAst(node)) return node;
        Object[] args = new Object[AstRecords.size(node)];
        boolean changed = false;
        for (int i = 0; i < args.length; i++) {
            Object v = AstRecords.get(node, i);
            Object n = replace(v, replacements);
            changed |= n != v;
            args[i] = n;
        }
        return changed ? (T) AstRecords.make(node.getClass(), args) : node;
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
        if (!AstRecords.isAst(node)) return;
        out.add(node);
        for (int i = 0; i < AstRecords.size(node); i++) collect(AstRecords.get(node, i), out);
    }
}
