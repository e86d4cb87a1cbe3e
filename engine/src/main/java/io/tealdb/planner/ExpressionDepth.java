package io.tealdb.planner;

import io.tealdb.parser.ParserException;
import io.tealdb.parser.ast.Expr;
import io.tealdb.parser.ast.Node;
import io.tealdb.parser.ast.QueryNode;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The deepest expression nesting of a statement's AST, found without recursion. The binder checks
 * {@code max_expression_depth} as it descends, but some walks run before it (select-list naming,
 * COLUMNS expansion) and recurse themselves; on a chain of thousands of terms they may overflow the
 * stack first, depending on the thread. This check then decides the outcome deterministically.
 */
public final class ExpressionDepth {
    private ExpressionDepth() {
    }

    /** The error for a statement whose expressions nest deeper than {@code limit}, or null if none does. */
    public static ParserException exceeded(Node statement, int limit) {
        ArrayDeque<Object> nodes = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        nodes.push(statement);
        depths.push(0);
        while (!nodes.isEmpty()) {
            Object node = nodes.pop();
            int depth = depths.pop();
            if (node instanceof List<?> list) {
                for (Object o : list) {
                    if (o != null) {
                        nodes.push(o);
                        depths.push(depth);
                    }
                }
                continue;
            }
            if (!AstRecords.isAst(node)) continue;
            if (node instanceof QueryNode) depth = 0;
            if (node instanceof Expr e && ++depth > limit) {
                return new ParserException("Max expression depth limit of " + limit
                        + " exceeded. Use \"SET max_expression_depth TO x\" to increase the maximum expression depth.", e.pos());
            }
            for (int i = 0, n = AstRecords.size(node); i < n; i++) {
                Object child = AstRecords.get(node, i);
                if (child != null) {
                    nodes.push(child);
                    depths.push(depth);
                }
            }
        }
        return null;
    }
}
