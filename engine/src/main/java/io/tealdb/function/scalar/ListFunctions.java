package io.tealdb.function.scalar;

import io.tealdb.error.BinderException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarOverload;
import io.tealdb.function.cast.CastRules;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.RowCompare;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static io.tealdb.types.LogicalType.BIGINT;
import static io.tealdb.types.LogicalType.BOOLEAN;

/**
 * DuckDB's list functions that do not take lambdas: concatenation, search, sorting, de-duplication,
 * flattening, zipping and the list forms of range/generate_series. Elements are compared with
 * {@link RowCompare} (nested elements included) and copied with the vector primitives.
 */
public final class ListFunctions {
    private ListFunctions() {
    }

    public static void register(FunctionRegistry r) {
        for (String name : List.of("list_concat", "list_cat", "array_concat", "array_cat")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.ANY_LIST), null, (types, c) -> concat(name, types)));
        }
        for (String name : List.of("list_contains", "list_has", "array_contains", "array_has")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.ANY), null, (types, c) -> search(name, types, false)));
        }
        for (String name : List.of("list_position", "list_indexof", "array_position", "array_indexof")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.ANY), null, (types, c) -> search(name, types, true)));
        }
        for (String name : List.of("list_sort", "array_sort")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST), null, (types, c) -> sort(name, types, c, false)));
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.of(LogicalType.VARCHAR)), null, (types, c) -> sort(name, types, c, false)));
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.of(LogicalType.VARCHAR), ArgSpec.of(LogicalType.VARCHAR)), null,
                    (types, c) -> sort(name, types, c, false)));
        }
        for (String name : List.of("list_reverse_sort", "array_reverse_sort")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST), null, (types, c) -> sort(name, types, c, true)));
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.of(LogicalType.VARCHAR)), null, (types, c) -> sort(name, types, c, true)));
        }
        for (String name : List.of("list_distinct", "array_distinct")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST), null, (types, c) -> distinct(name, types.get(0))));
        }
        for (String name : List.of("list_unique", "array_unique")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST), null, (types, c) -> unique(name, types.get(0))));
        }
        r.addScalar(new ScalarOverload("flatten", List.of(ArgSpec.ANY_LIST), null, (types, c) -> flatten(types.get(0))));
        r.addScalar(new ScalarOverload("list_zip", List.of(), ArgSpec.ANY, (types, c) -> zip(types)));
        r.addScalar(new ScalarOverload("array_zip", List.of(), ArgSpec.ANY, (types, c) -> zip(types)));
        for (String name : List.of("list_reverse", "array_reverse")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST), null, (types, c) -> reverse(name, types.get(0))));
        }
        for (String name : List.of("range", "generate_series")) {
            boolean inclusive = name.equals("generate_series");
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.of(BIGINT)), null, (types, c) -> range(name, 1, inclusive)));
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.of(BIGINT), ArgSpec.of(BIGINT)), null, (types, c) -> range(name, 2, inclusive)));
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.of(BIGINT), ArgSpec.of(BIGINT), ArgSpec.of(BIGINT)), null, (types, c) -> range(name, 3, inclusive)));
        }
    }

    private static LogicalType commonList(String name, LogicalType a, LogicalType b) {
        LogicalType t = CastRules.tryMaxLogicalType(a.childType(), b.childType());
        if (t == null) throw new BinderException("Cannot concatenate lists of types " + a + " and " + b + " - an explicit cast is required");
        return LogicalType.list(t);
    }

    /** list_concat(a, b): a NULL list counts as empty; NULL only when both are NULL. */
    private static ScalarFunction concat(String name, List<LogicalType> types) {
        LogicalType t = commonList(name, types.get(0), types.get(1));
        return new ScalarFunction(name, List.of(t, t), t, (args, count, res) -> {
            Vector a = args[0];
            Vector b = args[1];
            Vector out = res.child();
            for (int i = 0; i < count; i++) {
                boolean an = a.isNull(i);
                boolean bn = b.isNull(i);
                if (an && bn) {
                    res.setNull(i);
                    continue;
                }
                int la = an ? 0 : a.lengths[i];
                int lb = bn ? 0 : b.lengths[i];
                int at = res.startList(i, la + lb);
                if (la > 0) out.copyRange(a.child(), a.offsets[i], at, la);
                if (lb > 0) out.copyRange(b.child(), b.offsets[i], at + la, lb);
            }
        });
    }

    /** list_contains (BOOLEAN) / list_position (1-based index or NULL): NULL elements never match. */
    private static ScalarFunction search(String name, List<LogicalType> types, boolean position) {
        LogicalType element = CastRules.tryMaxLogicalType(types.get(0).childType(), types.get(1));
        if (element == null) {
            throw new BinderException("Cannot search a list of " + types.get(0).childType() + " for a value of type " + types.get(1));
        }
        LogicalType listType = LogicalType.list(element);
        return new ScalarFunction(name, List.of(listType, element), position ? LogicalType.INTEGER : BOOLEAN, (args, count, res) -> {
            Vector l = args[0];
            Vector x = args[1];
            Vector child = l.child();
            for (int i = 0; i < count; i++) {
                if (l.isNull(i) || x.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                int found = -1;
                for (int k = 0; k < l.lengths[i] && found < 0; k++) {
                    int e = l.offsets[i] + k;
                    if (child.isValid(e) && RowCompare.equals(child, e, x, i)) found = k;
                }
                if (position) {
                    if (found < 0) res.setNull(i);
                    else res.ints[i] = found + 1;
                } else {
                    res.bytes[i] = (byte) (found >= 0 ? 1 : 0);
                }
            }
        });
    }

    /** list_sort(l [, 'ASC'|'DESC' [, 'NULLS FIRST'|'NULLS LAST']]): stable; NULLs last by default (DuckDB). */
    private static ScalarFunction sort(String name, List<LogicalType> types, List<Value> constants, boolean reverse) {
        boolean descending = reverse;
        boolean nullsFirst = false;
        if (types.size() > 1) {
            String order = constantText(constants, 1, "sort order");
            switch (order) {
                case "ASC" -> descending = reverse;
                case "DESC" -> descending = !reverse;
                case "NULLS FIRST", "NULLS LAST" -> {
                    if (!reverse) throw new BinderException("Sort order must be either ASC or DESC");
                    nullsFirst = order.equals("NULLS FIRST");
                }
                default -> throw new BinderException(reverse ? "Null sorting order must be either NULLS FIRST or NULLS LAST" : "Sort order must be either ASC or DESC");
            }
        }
        if (types.size() > 2) {
            String nulls = constantText(constants, 2, "null order");
            switch (nulls) {
                case "NULLS FIRST" -> nullsFirst = true;
                case "NULLS LAST" -> nullsFirst = false;
                default -> throw new BinderException("Null sorting order must be either NULLS FIRST or NULLS LAST");
            }
        }
        boolean desc = descending;
        boolean nf = nullsFirst;
        LogicalType listType = types.get(0);
        return new ScalarFunction(name, types, listType, (args, count, res) -> {
            Vector l = args[0];
            Vector child = l.child();
            Vector out = res.child();
            for (int i = 0; i < count; i++) {
                if (l.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                int n = l.lengths[i];
                Integer[] order = new Integer[n];
                for (int k = 0; k < n; k++) order[k] = l.offsets[i] + k;
                Arrays.sort(order, (a, b) -> {
                    boolean an = child.isNull(a);
                    boolean bn = child.isNull(b);
                    if (an || bn) return an == bn ? 0 : (an == nf ? -1 : 1);
                    int c = RowCompare.compare(child, a, child, b);
                    return desc ? -c : c;
                });
                int at = res.startList(i, n);
                for (int k = 0; k < n; k++) out.copyRow(child, order[k], at + k);
            }
        });
    }

    private static String constantText(List<Value> constants, int i, String what) {
        Value v = i < constants.size() ? constants.get(i) : null;
        if (v == null || v.isNull()) throw new BinderException("Sorting order must be a constant");
        return ((String) v.object()).trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** Non-NULL elements without duplicates, in order of first occurrence. */
    private static ScalarFunction distinct(String name, LogicalType listType) {
        return new ScalarFunction(name, List.of(listType), listType, (args, count, res) -> {
            Vector l = args[0];
            Vector child = l.child();
            Vector out = res.child();
            int[] keep = new int[16];
            for (int i = 0; i < count; i++) {
                if (l.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                int n = 0;
                if (keep.length < l.lengths[i]) keep = new int[l.lengths[i]];
                for (int k = 0; k < l.lengths[i]; k++) {
                    int e = l.offsets[i] + k;
                    if (child.isNull(e)) continue;
                    boolean seen = false;
                    for (int j = 0; j < n && !seen; j++) seen = RowCompare.equals(child, keep[j], child, e);
                    if (!seen) keep[n++] = e;
                }
                int at = res.startList(i, n);
                for (int k = 0; k < n; k++) out.copyRow(child, keep[k], at + k);
            }
        });
    }

    /** Number of distinct non-NULL elements. */
    private static ScalarFunction unique(String name, LogicalType listType) {
        return new ScalarFunction(name, List.of(listType), BIGINT, (args, count, res) -> {
            Vector l = args[0];
            Vector child = l.child();
            for (int i = 0; i < count; i++) {
                if (l.isNull(i)) {
                    res.longs[i] = 0;
                    continue;
                }
                int n = 0;
                for (int k = 0; k < l.lengths[i]; k++) {
                    int e = l.offsets[i] + k;
                    if (child.isNull(e)) continue;
                    boolean seen = false;
                    for (int j = 0; j < k && !seen; j++) {
                        int p = l.offsets[i] + j;
                        seen = child.isValid(p) && RowCompare.equals(child, p, child, e);
                    }
                    if (!seen) n++;
                }
                res.longs[i] = n;
            }
        });
    }

    /** flatten(list of lists): the inner lists concatenated (NULL inner lists skipped). */
    private static ScalarFunction flatten(LogicalType listType) {
        LogicalType inner = listType.childType();
        if (inner.id() == TypeId.SQLNULL) {
            return new ScalarFunction("flatten", List.of(listType), listType, (args, count, res) -> res.copyRange(args[0], 0, 0, count));
        }
        if (inner.id() != TypeId.LIST && inner.id() != TypeId.ARRAY) {
            throw new BinderException("flatten: the argument must be a list of lists, got " + listType);
        }
        LogicalType innerList = LogicalType.list(inner.childType());
        LogicalType param = LogicalType.list(innerList);
        return new ScalarFunction("flatten", List.of(param), innerList, (args, count, res) -> {
            Vector l = args[0];
            Vector lists = l.child();
            Vector out = res.child();
            for (int i = 0; i < count; i++) {
                if (l.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                int total = 0;
                for (int k = 0; k < l.lengths[i]; k++) {
                    int e = l.offsets[i] + k;
                    if (lists.isValid(e)) total += lists.lengths[e];
                }
                int at = res.startList(i, total);
                for (int k = 0; k < l.lengths[i]; k++) {
                    int e = l.offsets[i] + k;
                    if (lists.isNull(e)) continue;
                    out.copyRange(lists.child(), lists.offsets[e], at, lists.lengths[e]);
                    at += lists.lengths[e];
                }
            }
        });
    }

    /** list_zip(l1, l2, ... [, truncate]): a list of unnamed STRUCTs (tuples), padded with NULLs unless truncating. */
    private static ScalarFunction zip(List<LogicalType> types) {
        int lists = types.size();
        boolean hasTruncate = lists > 0 && types.get(lists - 1).id() == TypeId.BOOLEAN;
        if (hasTruncate) lists--;
        List<TypeField> fields = new ArrayList<>();
        List<LogicalType> params = new ArrayList<>();
        for (int k = 0; k < lists; k++) {
            LogicalType t = types.get(k);
            if (t.id() == TypeId.SQLNULL) t = LogicalType.list(LogicalType.SQLNULL);
            if (!t.id().isListLike() || t.id() == TypeId.MAP) throw new BinderException("list_zip only accepts lists, got " + types.get(k));
            LogicalType lt = LogicalType.list(t.childType());
            params.add(lt);
            fields.add(new TypeField("", lt.childType()));
        }
        if (hasTruncate) params.add(BOOLEAN);
        if (fields.isEmpty()) throw new BinderException("list_zip requires at least one argument");
        int n = lists;
        LogicalType result = LogicalType.list(LogicalType.struct(fields));
        return new ScalarFunction("list_zip", params, result, (args, count, res) -> {
            Vector entries = res.child();
            for (int i = 0; i < count; i++) {
                boolean truncate = hasTruncate && args[n].isValid(i) && args[n].bytes[i] != 0;
                int len = truncate ? Integer.MAX_VALUE : 0;
                for (int k = 0; k < n; k++) {
                    int lk = args[k].isNull(i) ? 0 : args[k].lengths[i];
                    len = truncate ? Math.min(len, lk) : Math.max(len, lk);
                }
                int at = res.startList(i, len);
                for (int j = 0; j < len; j++) {
                    entries.setValid(at + j);
                    for (int k = 0; k < n; k++) {
                        Vector l = args[k];
                        Vector field = entries.children[k];
                        if (l.isValid(i) && j < l.lengths[i]) field.copyRow(l.child(), l.offsets[i] + j, at + j);
                        else field.setNull(at + j);
                    }
                }
            }
        });
    }

    private static ScalarFunction reverse(String name, LogicalType listType) {
        return new ScalarFunction(name, List.of(listType), listType, (args, count, res) -> {
            Vector l = args[0];
            Vector out = res.child();
            for (int i = 0; i < count; i++) {
                if (l.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                int n = l.lengths[i];
                int at = res.startList(i, n);
                for (int k = 0; k < n; k++) out.copyRow(l.child(), l.offsets[i] + n - 1 - k, at + k);
            }
        });
    }

    /** range(end) / range(start, end[, step]) as a BIGINT[]; generate_series includes the end. */
    private static ScalarFunction range(String name, int arity, boolean inclusive) {
        List<LogicalType> params = java.util.Collections.nCopies(arity, BIGINT);
        return new ScalarFunction(name, params, LogicalType.list(BIGINT), (args, count, res) -> {
            Vector out = res.child();
            for (int i = 0; i < count; i++) {
                boolean anyNull = false;
                for (Vector a : args) anyNull |= a.isNull(i);
                if (anyNull) {
                    res.setNull(i);
                    continue;
                }
                long start = arity == 1 ? 0 : args[0].longs[i];
                long end = arity == 1 ? args[0].longs[i] : args[1].longs[i];
                long step = arity == 3 ? args[2].longs[i] : 1;
                if (step == 0) throw new InvalidInputException("Step for range cannot be 0");
                long n;
                if (inclusive) {
                    n = step > 0 ? (end >= start ? (end - start) / step + 1 : 0) : (end <= start ? (start - end) / -step + 1 : 0);
                } else {
                    n = step > 0 ? (end > start ? (end - start + step - 1) / step : 0) : (end < start ? (start - end - step - 1) / -step : 0);
                }
                if (n > Integer.MAX_VALUE - 16) throw new InvalidInputException("Lists larger than 2^31 elements are not supported");
                int at = res.startList(i, (int) n);
                for (int k = 0; k < n; k++) {
                    out.setValid(at + k);
                    out.longs[at + k] = start + k * step;
                }
            }
        });
    }
}
