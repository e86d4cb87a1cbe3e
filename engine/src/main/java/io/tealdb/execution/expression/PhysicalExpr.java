package io.tealdb.execution.expression;

import io.tealdb.function.ScalarFunction;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.util.List;

/**
 * A bound expression compiled for execution: column bindings resolved to input chunk positions,
 * parameters still symbolic (resolved per execution). Immutable and shared by all threads; each
 * thread evaluates it with its own {@link ExpressionExecutor}. Build with {@link ExpressionCompiler}.
 */
public sealed interface PhysicalExpr {
    LogicalType type();

    /** Column {@code index} of the input chunk. */
    record ColumnRef(int index, LogicalType type, String name) implements PhysicalExpr {
        @Override
        public String toString() {
            return name != null ? name : "#" + index;
        }
    }

    record Constant(Value value) implements PhysicalExpr {
        @Override
        public LogicalType type() {
            return value.type();
        }

        @Override
        public String toString() {
            if (value.isNull()) return "NULL";
            Object o = value.object();
            return o instanceof String s ? "'" + s + "'" : String.valueOf(o);
        }
    }

    record Parameter(int index, LogicalType type) implements PhysicalExpr {
        @Override
        public String toString() {
            return "$" + index;
        }
    }

    record Function(ScalarFunction function, List<PhysicalExpr> args) implements PhysicalExpr {
        @Override
        public LogicalType type() {
            return function.returnType();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(function.name()).append('(');
            for (int i = 0; i < args.size(); i++) sb.append(i > 0 ? ", " : "").append(args.get(i));
            return sb.append(')').toString();
        }
    }

    record Cast(PhysicalExpr child, LogicalType type, boolean tryCast) implements PhysicalExpr {
        @Override
        public String toString() {
            return (tryCast ? "TRY_CAST(" : "CAST(") + child + " AS " + type + ")";
        }
    }

    record Comparison(ComparisonOp op, PhysicalExpr left, PhysicalExpr right) implements PhysicalExpr {
        @Override
        public LogicalType type() {
            return LogicalType.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + left + " " + op.sql + " " + right + ")";
        }
    }

    record Conjunction(boolean and, List<PhysicalExpr> children) implements PhysicalExpr {
        @Override
        public LogicalType type() {
            return LogicalType.BOOLEAN;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < children.size(); i++) sb.append(i > 0 ? (and ? " AND " : " OR ") : "").append(children.get(i));
            return sb.append(')').toString();
        }
    }

    record Not(PhysicalExpr child) implements PhysicalExpr {
        @Override
        public LogicalType type() {
            return LogicalType.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(NOT " + child + ")";
        }
    }

    record IsNull(PhysicalExpr child, boolean negated) implements PhysicalExpr {
        @Override
        public LogicalType type() {
            return LogicalType.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + child + (negated ? " IS NOT NULL)" : " IS NULL)");
        }
    }

    record Case(List<PhysicalExpr> conditions, List<PhysicalExpr> results, PhysicalExpr elseResult, LogicalType type)
            implements PhysicalExpr {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("CASE");
            for (int i = 0; i < conditions.size(); i++) sb.append(" WHEN ").append(conditions.get(i)).append(" THEN ").append(results.get(i));
            return sb.append(" ELSE ").append(elseResult).append(" END").toString();
        }
    }

    record Coalesce(List<PhysicalExpr> args, LogicalType type) implements PhysicalExpr {
        @Override
        public String toString() {
            return "COALESCE" + args.toString().replace('[', '(').replace(']', ')');
        }
    }

    /** value [NOT] IN (list). */
    record InList(PhysicalExpr value, List<PhysicalExpr> list, boolean negated) implements PhysicalExpr {
        @Override
        public LogicalType type() {
            return LogicalType.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + value + (negated ? " NOT IN " : " IN ") + list.toString().replace('[', '(').replace(']', ')') + ")";
        }
    }
}
