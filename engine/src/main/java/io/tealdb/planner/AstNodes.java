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
}
