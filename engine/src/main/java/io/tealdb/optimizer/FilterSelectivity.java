package io.tealdb.optimizer;

import io.tealdb.function.cast.Casts;
import io.tealdb.planner.expression.BoundCast;
import io.tealdb.planner.expression.BoundColumnRef;
import io.tealdb.planner.expression.BoundComparison;
import io.tealdb.planner.expression.BoundConjunction;
import io.tealdb.planner.expression.BoundConstant;
import io.tealdb.planner.expression.BoundExpr;
import io.tealdb.planner.expression.BoundInList;
import io.tealdb.planner.expression.BoundIsNull;
import io.tealdb.planner.expression.BoundNot;
import io.tealdb.planner.expression.ColumnBinding;
import io.tealdb.planner.expression.ComparisonOp;
import io.tealdb.planner.logical.LogicalOperator;
import io.tealdb.storage.ColumnStatistics;
import io.tealdb.types.Value;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fraction of rows a filter keeps, from the storage statistics of the columns it tests:
 * {@code col = constant} keeps 1/ndv (ndv from the column's HyperLogLog), {@code col IN (k items)}
 * k/ndv, range comparisons with a numeric constant the covered part of the column's [min, max] —
 * all range conjuncts on one column are combined first, so {@code BETWEEN} is one interval, not two
 * independent halves —, {@code IS NULL} the column's null fraction, OR the union of its branches.
 * Anything else (column-to-column comparisons, LIKE, functions) keeps a fixed fraction.
 *
 * <p>The estimates decide join order and build sides: a filter that keeps half of {@code orders}
 * ({@code o_orderstatus = 'F'}, three distinct values) must not look as selective as one that keeps
 * 1/25 of {@code nation}.
 */
final class FilterSelectivity {
    /** What a predicate we cannot reason about keeps. */
    static final double UNKNOWN = 0.3;
    /**
     * What a LIKE / ILIKE keeps: DuckDB's default filter selectivity (0.2), not the generic guess. A
     * pattern keeps few rows more often than not (TPC-H Q9's {@code p_name LIKE '%green%'} keeps 5%
     * of part); at 0.3 its lineitem join looked larger than orders, which then built the hash table.
     */
    static final double PATTERN_MATCH = 0.2;
    private static final java.util.Set<String> LIKE = java.util.Set.of("~~", "~~*", "like", "ilike", "like_escape", "ilike_escape");
    private static final java.util.Set<String> NOT_LIKE = java.util.Set.of("!~~", "!~~*", "not_like", "not_ilike",
            "not_like_escape", "not_ilike_escape");
    /** {@code col = constant} when the column has no statistics. */
    static final double UNKNOWN_EQUALITY = 0.1;

    private final LogicalOperator input;
    private final Map<ColumnBinding, ColumnStatistics> statistics = new HashMap<>();

    private FilterSelectivity(LogicalOperator input) {
        this.input = input;
    }

    /** Fraction of {@code input}'s rows that satisfy every conjunct of {@code conditions}. */
    static double of(List<BoundExpr> conditions, LogicalOperator input) {
        if (conditions.isEmpty()) return 1;
        FilterSelectivity f = new FilterSelectivity(input);
        return f.conjunction(conditions.stream().flatMap(c -> BoundExprs.conjuncts(c).stream()).toList());
    }

    private double conjunction(List<BoundExpr> conjuncts) {
        double s = 1;
        Map<ColumnBinding, Range> ranges = new LinkedHashMap<>();
        // equalities and IN lists on one column are not independent (TPC-DS Q74's
        // d_year IN (2001, 2002) AND d_year = 2002 keeps a year, not a year of two): the most selective counts
        Map<ColumnBinding, Double> points = new LinkedHashMap<>();
        for (BoundExpr c : conjuncts) {
            ColumnBinding pointColumn = pointColumn(c);
            if (pointColumn != null) {
                points.merge(pointColumn, single(c), Math::min);
                continue;
            }
            if (c instanceof BoundComparison cmp && isRange(cmp.op())) {
                ColumnConstant cc = ColumnConstant.of(cmp);
                if (cc != null) {
                    ColumnStatistics st = stats(cc.column().binding());
                    Double value = numeric(cc.constant());
                    if (st != null && value != null && numeric(st.min()) != null && numeric(st.max()) != null) {
                        ranges.computeIfAbsent(cc.column().binding(), b -> new Range()).restrict(cc.op(), value);
                        continue;
                    }
                }
            }
            s *= single(c);
        }
        for (var e : ranges.entrySet()) {
            s *= e.getValue().fraction(stats(e.getKey()));
        }
        for (double p : points.values()) s *= p;
        return clamp(s);
    }

    /** The column of {@code column = constant} or {@code column IN (constants)}, else null. */
    private static ColumnBinding pointColumn(BoundExpr c) {
        if (c instanceof BoundComparison cmp && cmp.op() == ComparisonOp.EQ && ColumnConstant.of(cmp) instanceof ColumnConstant cc) {
            return cc.column().binding();
        }
        if (c instanceof BoundInList in && !in.negated() && in.value() instanceof BoundColumnRef col && col.depth() == 0) {
            return col.binding();
        }
        return null;
    }

    private double single(BoundExpr e) {
        return switch (e) {
            case BoundConjunction c when c.and() -> conjunction(c.children());
            case BoundConjunction c -> {
                double none = 1;
                for (BoundExpr child : c.children()) none *= 1 - conjunction(BoundExprs.conjuncts(child));
                yield clamp(1 - none);
            }
            case BoundNot n -> clamp(1 - single(n.child()));
            case BoundComparison cmp -> comparison(cmp);
            case BoundInList in -> {
                double keep = UNKNOWN;
                if (in.value() instanceof BoundColumnRef col && stats(col.binding()) instanceof ColumnStatistics st
                        && st.distinctEstimate() > 0) {
                    keep = Math.min(1, (double) in.list().size() / st.distinctEstimate());
                } else if (!(in.value() instanceof BoundColumnRef)) {
                    keep = Math.min(0.5, 0.05 * in.list().size());
                }
                yield clamp(in.negated() ? 1 - keep : keep);
            }
            case BoundIsNull isNull -> {
                double nulls = 0.1;
                if (isNull.child() instanceof BoundColumnRef col && stats(col.binding()) instanceof ColumnStatistics st
                        && st.rowCount() > 0) {
                    nulls = (double) st.nullCount() / st.rowCount();
                }
                yield clamp(isNull.negated() ? 1 - nulls : nulls);
            }
            case io.tealdb.planner.expression.BoundFunction fn when LIKE.contains(fn.function().name()) -> PATTERN_MATCH;
            case io.tealdb.planner.expression.BoundFunction fn when NOT_LIKE.contains(fn.function().name()) -> 1 - PATTERN_MATCH;
            default -> UNKNOWN;
        };
    }

    private double comparison(BoundComparison cmp) {
        ColumnConstant cc = ColumnConstant.of(cmp);
        ColumnStatistics st = cc == null ? null : stats(cc.column().binding());
        double equal = st != null && st.distinctEstimate() > 0 ? 1.0 / st.distinctEstimate() : UNKNOWN_EQUALITY;
        if (cc == null) {
            return cmp.op() == ComparisonOp.EQ || cmp.op() == ComparisonOp.NOT_DISTINCT_FROM ? UNKNOWN_EQUALITY : UNKNOWN;
        }
        return switch (cmp.op()) {
            case EQ, NOT_DISTINCT_FROM -> clamp(equal);
            case NE, DISTINCT_FROM -> clamp(1 - equal);
            default -> UNKNOWN;
        };
    }

    private ColumnStatistics stats(ColumnBinding binding) {
        if (binding.columnIndex() < 0) return null;
        return statistics.computeIfAbsent(binding, b -> CardinalityEstimator.columnStatistics(input, b));
    }

    private static boolean isRange(ComparisonOp op) {
        return op == ComparisonOp.LT || op == ComparisonOp.LE || op == ComparisonOp.GT || op == ComparisonOp.GE;
    }

    /** The value of a numeric, temporal or decimal constant on one scale with the statistics'. */
    private static Double numeric(Value v) {
        if (v == null || v.isNull()) return null;
        return switch (v.object()) {
            case Byte b -> (double) b;
            case Short s -> (double) s;
            case Integer i -> (double) i;
            case Long l -> (double) l;
            case Float f -> (double) f;
            case Double d -> d;
            case BigDecimal d -> d.doubleValue();
            default -> null;
        };
    }

    private static double clamp(double s) {
        return Math.max(1e-6, Math.min(1, s));
    }

    /** {@code column op constant}, with the comparison turned round when the constant is on the left. */
    private record ColumnConstant(BoundColumnRef column, ComparisonOp op, Value constant) {
        static ColumnConstant of(BoundComparison cmp) {
            Value k;
            if (cmp.left() instanceof BoundColumnRef col && col.depth() == 0 && (k = constant(cmp.right())) != null) {
                return new ColumnConstant(col, cmp.op(), k);
            }
            if (cmp.right() instanceof BoundColumnRef col && col.depth() == 0 && (k = constant(cmp.left())) != null) {
                return new ColumnConstant(col, cmp.op().flip(), k);
            }
            return null;
        }

        /**
         * The value of a literal, of a cast of one, or of a deterministic function of constants:
         * TPC-DS writes its dates as {@code cast('2000-02-01' AS date)} and years as
         * {@code 2001 + 1}, which the binder leaves as they are (the executor folds them), and an
         * equality or range over them must still be estimated from the column's statistics (Q04's
         * {@code d_year = 2001 + 1} otherwise kept a generic tenth of date_dim, and the join order
         * of the shared year_total CTE went wrong).
         */
        private static Value constant(BoundExpr e) {
            if (e instanceof BoundConstant k) return k.value();
            if (e instanceof BoundCast c && c.child() instanceof BoundConstant k && !k.value().isNull()) {
                try {
                    return Casts.castValue(k.value(), c.type(), c.tryCast());
                } catch (RuntimeException ex) {
                    return null; // a cast that fails raises its error when executed, not here
                }
            }
            if (e instanceof io.tealdb.planner.expression.BoundFunction && foldable(e)) {
                // the executor's constant folding: a failing evaluation leaves the expression unfolded
                try {
                    if (io.tealdb.execution.expression.ExpressionCompiler.compile(e, List.of())
                            instanceof io.tealdb.execution.expression.PhysicalExpr.Constant k) {
                        return k.value();
                    }
                } catch (io.tealdb.error.InterruptException cancelled) {
                    throw cancelled; // a cancel while folding stops the statement, as ConstantFolding lets it
                } catch (RuntimeException ex) {
                    return null;
                }
            }
            return null;
        }

        /** Whether {@code e} is built only from constants by deterministic functions and casts. */
        private static boolean foldable(BoundExpr e) {
            return switch (e) {
                case BoundConstant k -> true;
                case BoundCast c -> foldable(c.child());
                case io.tealdb.planner.expression.BoundFunction f -> f.function().deterministic()
                        && !(f.function().kernel() instanceof io.tealdb.function.LambdaKernel)
                        && f.args().stream().allMatch(ColumnConstant::foldable);
                default -> false;
            };
        }
    }

    /** The interval the range conjuncts on one column leave open. */
    private static final class Range {
        private double low = Double.NEGATIVE_INFINITY;
        private double high = Double.POSITIVE_INFINITY;

        void restrict(ComparisonOp op, double value) {
            switch (op) {
                case GT, GE -> low = Math.max(low, value);
                case LT, LE -> high = Math.min(high, value);
                default -> throw new IllegalArgumentException(op.name());
            }
        }

        /** The share of [min, max] inside the interval, assuming values spread evenly. */
        double fraction(ColumnStatistics st) {
            double min = numeric(st.min());
            double max = numeric(st.max());
            double floor = st.distinctEstimate() > 0 ? 1.0 / st.distinctEstimate() : 1e-3;
            if (max <= min) return low <= min && high >= max ? 1 : floor;
            double from = Math.max(low, min);
            double to = Math.min(high, max);
            if (to < from) return floor;
            return Math.max(floor, Math.min(1, (to - from) / (max - min)));
        }
    }
}
