package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.parser.ast.BaseTableRef;
import io.tealdb.parser.ast.BinaryOp;
import io.tealdb.parser.ast.BinaryOperator;
import io.tealdb.parser.ast.Case;
import io.tealdb.parser.ast.ColumnRef;
import io.tealdb.parser.ast.CommonTableExpr;
import io.tealdb.parser.ast.Expr;
import io.tealdb.parser.ast.FunctionCall;
import io.tealdb.parser.ast.GroupBy;
import io.tealdb.parser.ast.GroupingExpr;
import io.tealdb.parser.ast.Identifier;
import io.tealdb.parser.ast.IntegerLiteral;
import io.tealdb.parser.ast.IsDistinctFrom;
import io.tealdb.parser.ast.IsNull;
import io.tealdb.parser.ast.JoinKind;
import io.tealdb.parser.ast.JoinRef;
import io.tealdb.parser.ast.OrderItem;
import io.tealdb.parser.ast.QualifiedName;
import io.tealdb.parser.ast.SampleBy;
import io.tealdb.parser.ast.SelectItem;
import io.tealdb.parser.ast.SelectNode;
import io.tealdb.parser.ast.SubqueryRef;
import io.tealdb.parser.ast.TableAlias;
import io.tealdb.parser.ast.TableRef;
import io.tealdb.parser.ast.WhenClause;
import io.tealdb.parser.ast.WindowSpec;
import io.tealdb.parser.ast.With;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * QuestDB's {@code SAMPLE BY} as TealDB SQL, rewritten on the AST once the FROM clause is bound (the
 * timestamp column is known only then):
 * <ul>
 * <li>the timestamp column is the one named {@code timestamp} (QuestDB's designated column as line
 *     protocol creates it), else the first timestamp-typed column of the FROM clause;</li>
 * <li>{@code SELECT ts, k, agg(x) ... SAMPLE BY 1h} becomes {@code SELECT time_bucket(INTERVAL 1
 *     hour, ts) AS ts, k, agg(x) ... GROUP BY ALL} (plus the bucket as a group when {@code ts} is not
 *     selected), ordered by the bucket unless the query orders otherwise;</li>
 * <li>{@code ALIGN TO CALENDAR} (the default) buckets from midnight, {@code WITH OFFSET 'hh:mm'}
 *     shifts the origin, {@code ALIGN TO FIRST OBSERVATION} starts at the first timestamp;</li>
 * <li>{@code FILL(...)} wraps that query: every bucket between the first and the last, for every
 *     key combination, left-joined with the sampled rows; NULL leaves gaps NULL, a constant
 *     replaces them, PREV carries the last value forward, LINEAR interpolates between the values
 *     around the gap (window functions with IGNORE NULLS).</li>
 * </ul>
 */
final class SampleByRewrite {
    private static final String BUCKET = "__sample_bucket";
    private static final String ORIGIN = "__sample_origin";

    private SampleByRewrite() {
    }

    /** The column SAMPLE BY buckets: {@code {alias, name}}. */
    static String[] timestampColumn(Scope scope, int pos) {
        String[] first = null;
        for (Scope.Table t : scope.tables) {
            for (int i = 0; i < t.names().size(); i++) {
                if (!isTimestamp(t.types().get(i))) continue;
                String[] c = {t.alias(), t.names().get(i)};
                if (t.names().get(i).equalsIgnoreCase("timestamp")) return c;
                if (first == null) first = c;
            }
        }
        if (first == null) throw new BinderException("SAMPLE BY needs a timestamp column in the FROM clause", pos);
        return first;
    }

    private static boolean isTimestamp(LogicalType t) {
        return switch (t.id()) {
            case TIMESTAMP, TIMESTAMP_TZ, TIMESTAMP_NS, TIMESTAMP_MS, TIMESTAMP_S, DATE -> true;
            default -> false;
        };
    }

    private static Identifier id(String s, int pos) {
        return new Identifier(s, true, pos);
    }

    private static ColumnRef col(int pos, String... parts) {
        List<Identifier> ids = new ArrayList<>();
        for (String p : parts) if (p != null) ids.add(id(p, pos));
        return new ColumnRef(ids, pos);
    }

    private static FunctionCall call(String name, int pos, Expr... args) {
        return FunctionCall.of(name, List.of(args), pos);
    }

    /**
     * The rewritten query. {@code isAggregate} tells whether a select item aggregates (bound by the
     * caller in the FROM scope).
     */
    static SelectNode rewrite(SelectNode s, SampleBy sb, Scope scope, Predicate<Expr> isAggregate) {
        int pos = sb.pos();
        String[] ts = timestampColumn(scope, pos);
        ColumnRef tsRef = col(pos, ts[0], ts[1]);
        Expr origin = null;
        TableRef from = s.from();
        if (sb.alignToFirstObservation()) {
            // the first timestamp as a one-row relation beside the data, so the bucket stays a plain expression of FROM columns
            SelectNode min = new SelectNode(null, false, List.of(), List.of(new SelectItem(call("min", pos, tsRef), id(ORIGIN, pos), pos)),
                    s.from(), s.where(), null, null, List.of(), null, List.of(), null, pos);
            from = new JoinRef(JoinKind.CROSS, false, false, s.from(),
                    new SubqueryRef(min, false, new TableAlias(id(ORIGIN, pos), List.of(), pos), pos), null, List.of(), false, pos);
            origin = col(pos, ORIGIN, ORIGIN);
        } else if (sb.offset() != null) {
            String o = sb.offset();
            boolean neg = o.startsWith("-");
            String[] hm = o.replaceFirst("^[+-]", "").split(":");
            long micros = (Long.parseLong(hm[0]) * 60 + Long.parseLong(hm[1])) * 60_000_000L;
            origin = call("make_timestamp", pos, new IntegerLiteral(Long.toString(neg ? -micros : micros), pos));
        }
        Expr bucket = origin == null ? call("time_bucket", pos, sb.interval(), tsRef) : call("time_bucket", pos, sb.interval(), tsRef, origin);

        List<SelectItem> items = new ArrayList<>();
        List<Integer> keys = new ArrayList<>(), aggs = new ArrayList<>();
        int bucketItem = -1;
        for (int i = 0; i < s.items().size(); i++) {
            SelectItem it = s.items().get(i);
            if (it.expr() instanceof ColumnRef c && c.last().matches(ts[1])
                    && (c.parts().size() == 1 || (ts[0] != null && c.parts().get(c.parts().size() - 2).matches(ts[0])))) {
                items.add(new SelectItem(bucket, it.alias() != null ? it.alias() : id(ts[1], it.pos()), it.pos()));
                if (bucketItem < 0) bucketItem = i;
                continue;
            }
            items.add(it);
            if (isAggregate.test(it.expr())) aggs.add(i);
            else keys.add(i);
        }
        GroupBy groupBy = new GroupBy(true, List.of(new GroupingExpr(bucket, pos)), pos);
        boolean fill = false;
        for (SampleBy.Fill f : sb.fills()) fill |= f.kind() != SampleBy.Fill.Kind.NONE;
        if (!fill) {
            // QuestDB returns buckets in time order; the keys order rows within a bucket, so results are repeatable
            List<OrderItem> order = new ArrayList<>(s.orderBy());
            if (order.isEmpty()) {
                order.add(new OrderItem(bucket, true, null, pos));
                for (int k : keys) order.add(new OrderItem(new IntegerLiteral(Integer.toString(k + 1), pos), true, null, pos));
            }
            // the WITH clause is bound already (the caller binds a new FROM in the same CTE scope)
            return new SelectNode(from == s.from() ? s.with() : null, s.distinct(), s.distinctOn(), items, from, s.where(), groupBy,
                    s.having(), s.windows(), s.qualify(), order, s.limit(), s.pos());
        }
        if (bucketItem < 0) throw new BinderException("SAMPLE BY with FILL needs the timestamp column in the select list", pos);
        return filled(s, sb, from, items, bucketItem, keys, aggs, groupBy, pos);
    }

    /** Name of the i-th column of the sampled query inside the FILL wrapper. */
    private static String inner(int i) {
        return "__sample_" + i;
    }

    private static SelectNode filled(SelectNode s, SampleBy sb, TableRef source, List<SelectItem> items, int bucketItem, List<Integer> keys,
                                     List<Integer> aggs, GroupBy groupBy, int pos) {
        long step = stepMicros(sb.interval());
        // the sampled rows, every column under a fixed name
        List<SelectItem> innerItems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) innerItems.add(new SelectItem(items.get(i).expr(), id(inner(i), pos), pos));
        SelectNode sampled = new SelectNode(null, s.distinct(), s.distinctOn(), innerItems, source, s.where(), groupBy, s.having(),
                s.windows(), s.qualify(), List.of(), null, s.pos());
        String cte = "__sampled";
        With with = new With(false, List.of(new CommonTableExpr(id(cte, pos), List.of(), sampled, null, pos)), pos);
        TableRef sampledRef = new BaseTableRef(new QualifiedName(List.of(id(cte, pos)), pos), null, pos);

        // every bucket from the first to the last, as microseconds since the epoch
        Expr b = call("epoch_us", pos, col(pos, inner(bucketItem)));
        SelectNode grid = new SelectNode(null, false, List.of(), List.of(new SelectItem(
                call("unnest", pos, call("generate_series", pos, call("min", pos, b), call("max", pos, b),
                        new IntegerLiteral(Long.toString(step), pos))), id(BUCKET, pos), pos)),
                sampledRef, null, null, null, List.of(), null, List.of(), null, pos);
        TableRef from = new SubqueryRef(grid, false, new TableAlias(id("__g", pos), List.of(), pos), pos);
        Expr on = null;
        if (!keys.isEmpty()) {
            List<SelectItem> keyItems = new ArrayList<>();
            for (int k : keys) keyItems.add(new SelectItem(col(pos, inner(k)), null, pos));
            SelectNode distinctKeys = new SelectNode(null, true, List.of(), keyItems, sampledRef, null, null, null, List.of(), null,
                    List.of(), null, pos);
            from = new JoinRef(JoinKind.CROSS, false, false, from, new SubqueryRef(distinctKeys, false,
                    new TableAlias(id("__k", pos), List.of(), pos), pos), null, List.of(), false, pos);
        }
        on = new BinaryOp(BinaryOperator.EQUAL, call("epoch_us", pos, col(pos, "__s", inner(bucketItem))), col(pos, "__g", BUCKET), pos);
        for (int k : keys) {
            on = new BinaryOp(BinaryOperator.AND, on, new IsDistinctFrom(col(pos, "__s", inner(k)), col(pos, "__k", inner(k)), true, pos), pos);
        }
        from = new JoinRef(JoinKind.LEFT, false, false, from, new BaseTableRef(new QualifiedName(List.of(id(cte, pos)), pos),
                new TableAlias(id("__s", pos), List.of(), pos), pos), on, List.of(), false, pos);

        List<Expr> partition = new ArrayList<>();
        for (int k : keys) partition.add(col(pos, "__k", inner(k)));
        ColumnRef g = col(pos, "__g", BUCKET);
        WindowSpec before = new WindowSpec(null, partition, List.of(new OrderItem(g, true, null, pos)), null, pos);
        WindowSpec after = new WindowSpec(null, partition, List.of(new OrderItem(g, false, null, pos)), null, pos);

        List<SelectItem> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            SelectItem it = items.get(i);
            Identifier name = it.alias() != null ? it.alias() : id(ExprNames.render(it.expr()), pos);
            Expr e;
            if (i == bucketItem) {
                e = call("make_timestamp", pos, g);
            } else if (keys.contains(i)) {
                e = col(pos, "__k", inner(i));
            } else {
                int j = aggs.indexOf(i);
                SampleBy.Fill f = sb.fills().get(Math.min(j, sb.fills().size() - 1));
                ColumnRef v = col(pos, "__s", inner(i));
                e = switch (f.kind()) {
                    case NONE, NULL -> v;
                    case VALUE -> call("coalesce", pos, v, f.value());
                    case PREV -> call("coalesce", pos, v, window("last_value", v, before, pos));
                    case LINEAR -> {
                        Expr whenSet = new Case(null, List.of(new WhenClause(new IsNull(v, true, pos), g, pos)), null, pos);
                        Expr pv = window("last_value", v, before, pos), pt = window("last_value", whenSet, before, pos);
                        Expr nv = window("last_value", v, after, pos), nt = window("last_value", whenSet, after, pos);
                        Expr slope = new BinaryOp(BinaryOperator.DIVIDE, new BinaryOp(BinaryOperator.SUBTRACT, nv, pv, pos),
                                new BinaryOp(BinaryOperator.SUBTRACT, nt, pt, pos), pos);
                        Expr interp = new BinaryOp(BinaryOperator.ADD, pv, new BinaryOp(BinaryOperator.MULTIPLY, slope,
                                new BinaryOp(BinaryOperator.SUBTRACT, g, pt, pos), pos), pos);
                        yield call("coalesce", pos, v, interp);
                    }
                };
            }
            out.add(new SelectItem(e, name, pos));
        }
        List<OrderItem> order = new ArrayList<>();
        if (s.orderBy().isEmpty()) {
            order.add(new OrderItem(new IntegerLiteral(Integer.toString(bucketItem + 1), pos), true, null, pos));
            for (int k : keys) order.add(new OrderItem(new IntegerLiteral(Integer.toString(k + 1), pos), true, null, pos));
        } else {
            order.addAll(s.orderBy());
        }
        return new SelectNode(with, false, List.of(), out, from, null, null, null, List.of(), null, order, s.limit(), s.pos());
    }

    /** A fixed SAMPLE BY interval in microseconds (FILL walks the buckets in equal steps). */
    private static long stepMicros(Expr interval) {
        if (interval instanceof io.tealdb.parser.ast.IntervalLiteral i && i.value() instanceof IntegerLiteral n && i.unit() != null) {
            long unit = switch (i.unit().toLowerCase(java.util.Locale.ROOT)) {
                case "microsecond", "microseconds" -> 1L;
                case "millisecond", "milliseconds" -> 1_000L;
                case "second", "seconds" -> 1_000_000L;
                case "minute", "minutes" -> 60_000_000L;
                case "hour", "hours" -> 3_600_000_000L;
                case "day", "days" -> 86_400_000_000L;
                case "week", "weeks" -> 7 * 86_400_000_000L;
                default -> 0L;
            };
            long v = Long.parseLong(n.text());
            if (unit > 0 && v > 0) return Math.multiplyExact(v, unit);
        }
        throw new BinderException("SAMPLE BY with FILL needs a fixed interval (microseconds up to weeks, e.g. 1h)", interval.pos());
    }

    private static Expr window(String function, Expr arg, WindowSpec over, int pos) {
        return new FunctionCall(new QualifiedName(List.of(new Identifier(function, false, pos)), pos), List.of(arg), false, false,
                List.of(), null, true, over, pos);
    }

    static boolean isSampleBy(SelectNode s) {
        return s.groupBy() != null && s.groupBy().elements().size() == 1 && s.groupBy().elements().get(0) instanceof SampleBy;
    }
}
