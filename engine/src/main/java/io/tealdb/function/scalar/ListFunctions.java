package io.tealdb.function.scalar;

import io.tealdb.error.BinderException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarOverload;
import io.tealdb.function.cast.CastRules;
import io.tealdb.types.DateTimeUtil;
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
        for (String name : List.of("list_contains", "list_has", "array_contains", "array_has", "contains")) {
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
        for (String name : List.of("list_append", "array_append", "array_push_back")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.ANY), null, (types, c) -> append(name, types, false)));
        }
        for (String name : List.of("list_prepend", "array_prepend", "array_push_front")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY, ArgSpec.ANY_LIST), null, (types, c) -> append(name, types, true)));
        }
        for (String name : List.of("list_resize", "array_resize")) {
            // the size is any type, cast to UBIGINT as DuckDB does (so -1 is a Conversion Error, 3.7 is 4)
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.ANY), null,
                    (types, c) -> resize(name, types, false)));
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.ANY, ArgSpec.ANY), null,
                    (types, c) -> resize(name, types, true)));
        }
        for (String name : List.of("list_has_any", "array_has_any", "list_has_all", "array_has_all")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.ANY_LIST), null, (types, c) -> hasAnyAll(name, types)));
        }
        for (String name : List.of("list_inner_product", "list_dot_product", "array_inner_product", "array_dot_product",
                "list_distance", "array_distance", "list_cosine_similarity", "array_cosine_similarity", "list_cosine_distance",
                "array_cosine_distance", "list_negative_inner_product", "array_negative_inner_product",
                "list_negative_dot_product", "array_negative_dot_product")) {
            for (LogicalType t : List.of(LogicalType.FLOAT, LogicalType.DOUBLE)) {
                r.addScalar(new ScalarOverload(name, List.of(ArgSpec.of(LogicalType.list(t)), ArgSpec.of(LogicalType.list(t))), null,
                        (types, c) -> vectorMath(name, t)));
            }
        }
        for (LogicalType t : List.of(LogicalType.FLOAT, LogicalType.DOUBLE)) {
            LogicalType at = LogicalType.array(t, 3);
            r.addScalar(new ScalarOverload("array_cross_product", List.of(ArgSpec.of(at), ArgSpec.of(at)), null, (types, c) -> crossProduct(t)));
        }
        for (String name : List.of("string_split", "str_split", "string_to_array", "split")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.of(LogicalType.VARCHAR), ArgSpec.of(LogicalType.VARCHAR)), null,
                    (types, c) -> split(name, false)));
        }
        for (String name : List.of("string_split_regex", "str_split_regex", "regexp_split_to_array")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.of(LogicalType.VARCHAR), ArgSpec.of(LogicalType.VARCHAR)), null,
                    (types, c) -> split(name, true)));
        }
        for (String name : List.of("array_to_string", "list_to_string")) {
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.ANY_LIST, ArgSpec.of(LogicalType.VARCHAR)), null,
                    (types, c) -> toText(name, types.get(0))));
        }
        for (String name : List.of("range", "generate_series")) {
            boolean inclusive = name.equals("generate_series");
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.of(BIGINT)), null, (types, c) -> range(name, 1, inclusive)));
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.of(BIGINT), ArgSpec.of(BIGINT)), null, (types, c) -> range(name, 2, inclusive)));
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.of(BIGINT), ArgSpec.of(BIGINT), ArgSpec.of(BIGINT)), null, (types, c) -> range(name, 3, inclusive)));
            r.addScalar(new ScalarOverload(name, List.of(ArgSpec.of(LogicalType.TIMESTAMP), ArgSpec.of(LogicalType.TIMESTAMP),
                    ArgSpec.of(LogicalType.INTERVAL)), null, (types, c) -> timestampRange(name, inclusive)));
        }
    }

    private static LogicalType commonList(String name, LogicalType a, LogicalType b) {
        LogicalType t = CastRules.tryMaxLogicalType(a.childType(), b.childType());
        if (t == null) throw new BinderException("Cannot concatenate lists of types " + a + " and " + b + " - an explicit cast is required");
        return LogicalType.list(t);
    }

    static boolean isListOrNull(LogicalType t) {
        return t.id() == TypeId.LIST || t.id() == TypeId.ARRAY || t.id() == TypeId.SQLNULL;
    }

    /** list_concat(a, b): a NULL list counts as empty (DuckDB 2.0: never NULL). */
    static ScalarFunction concat(String name, List<LogicalType> types) {
        return concat(name, types, false);
    }

    /** {@code nullIfNull}: the {@code ||} operator, NULL when either side is (list_concat treats NULL as empty). */
    static ScalarFunction concat(String name, List<LogicalType> types, boolean nullIfNull) {
        LogicalType left = types.get(0).id() == TypeId.SQLNULL ? LogicalType.list(LogicalType.SQLNULL) : types.get(0);
        LogicalType right = types.get(1).id() == TypeId.SQLNULL ? LogicalType.list(LogicalType.SQLNULL) : types.get(1);
        LogicalType t = commonList(name, left, right);
        return new ScalarFunction(name, List.of(t, t), t, (args, count, res) -> {
            Vector a = args[0];
            Vector b = args[1];
            Vector out = res.child();
            for (int i = 0; i < count; i++) {
                boolean an = a.isNull(i);
                boolean bn = b.isNull(i);
                if (nullIfNull && (an || bn)) {
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
            // a list of NULLs holds no inner lists: it flattens to [] (DuckDB)
            return new ScalarFunction("flatten", List.of(listType), listType, (args, count, res) -> {
                for (int i = 0; i < count; i++) {
                    if (args[0].isNull(i)) res.setNull(i);
                    else res.startList(i, 0);
                }
            });
        }
        if (inner.id() != TypeId.LIST && inner.id() != TypeId.ARRAY) {
            throw new BinderException("No function matches the given name and argument types 'flatten(" + listType
                    + ")'. You might need to add explicit type casts.\n\tCandidate functions:\n\tflatten(ANY[][])");
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

    /**
     * string_split(s, sep): the pieces between separators (an empty separator splits into
     * characters); the regex form splits on a pattern.
     */
    private static ScalarFunction split(String name, boolean regex) {
        LogicalType vc = LogicalType.VARCHAR;
        return new ScalarFunction(name, List.of(vc, vc), LogicalType.list(vc), (args, count, res) -> {
            Vector out = res.child();
            com.google.re2j.Pattern cached = null; // RE2 (linear time), as the other regexp functions
            String cachedText = null;
            for (int i = 0; i < count; i++) {
                if (args[0].isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                String text = args[0].getString(i);
                List<String> parts = new ArrayList<>();
                if (args[1].isNull(i)) {
                    parts.add(text);
                } else {
                    String sep = args[1].getString(i);
                    if (sep.isEmpty()) {
                        text.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
                    } else if (regex) {
                        if (!sep.equals(cachedText)) {
                            cached = Re2Patterns.compile(sep, 0, false);
                            cachedText = sep;
                        }
                        parts.addAll(Re2Patterns.split(cached, text));
                    } else {
                        int from = 0;
                        for (int at = text.indexOf(sep); at >= 0; at = text.indexOf(sep, from)) {
                            parts.add(text.substring(from, at));
                            from = at + sep.length();
                        }
                        parts.add(text.substring(from));
                    }
                }
                int at = res.startList(i, parts.size());
                for (String p : parts) {
                    out.setValid(at);
                    out.setString(at++, p);
                }
            }
        });
    }

    /** array_to_string(l, sep): the non-NULL elements' text joined with the separator. */
    private static ScalarFunction toText(String name, LogicalType listType) {
        return new ScalarFunction(name, List.of(listType, LogicalType.VARCHAR), LogicalType.VARCHAR, (args, count, res) -> {
            Vector l = args[0];
            for (int i = 0; i < count; i++) {
                if (l.isNull(i) || args[1].isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                String sep = args[1].getString(i);
                StringBuilder sb = new StringBuilder();
                boolean first = true;
                for (int k = 0; k < l.lengths[i]; k++) {
                    int e = l.offsets[i] + k;
                    if (l.child().isNull(e)) continue;
                    if (!first) sb.append(sep);
                    sb.append(io.tealdb.function.cast.ValueFormatter.format(l.child(), e));
                    first = false;
                }
                res.setString(i, sb.toString());
            }
        });
    }

    /**
     * list_resize(l, n[, x]): the first n elements of l, padded with x (NULL when absent) up to n; a
     * NULL list stays NULL and a NULL size gives an empty list. The padding value takes the element
     * type (DuckDB casts it, so 'abc' for an INTEGER list is a Conversion Error).
     */
    private static ScalarFunction resize(String name, List<LogicalType> types, boolean withValue) {
        LogicalType listType = types.get(0);
        if (listType.id() == TypeId.SQLNULL) {
            // resizing a NULL: NULL, whatever the other arguments are
            return new ScalarFunction(name, types, LogicalType.SQLNULL, (args, count, res) -> {
                for (int i = 0; i < count; i++) res.setNull(i);
            });
        }
        // an untyped list ([] or NULL) takes the padding value's type
        LogicalType element = listType.childType().id() == TypeId.SQLNULL && withValue ? types.get(2) : listType.childType();
        LogicalType lt = LogicalType.list(element);
        List<LogicalType> params = withValue ? List.of(lt, LogicalType.UBIGINT, lt.childType()) : List.of(lt, LogicalType.UBIGINT);
        return new ScalarFunction(name, params, lt, (args, count, res) -> {
            Vector l = args[0];
            Vector n = args[1];
            Vector out = res.child();
            for (int i = 0; i < count; i++) {
                if (l.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                long size = n.isNull(i) ? 0 : n.longs[i];
                // a UBIGINT above 2^63 reads negative here: either way far beyond any list we can build
                if (size < 0 || size > Integer.MAX_VALUE - 16) {
                    throw new io.tealdb.error.OutOfRangeException(name + ": a list of " + Long.toUnsignedString(size)
                            + " elements exceeds the maximum allowed vector size");
                }
                int keep = (int) Math.min(size, l.lengths[i]);
                int at = res.startList(i, (int) size);
                if (keep > 0) out.copyRange(l.child(), l.offsets[i], at, keep);
                for (int k = keep; k < size; k++) {
                    if (withValue) out.copyRow(args[2], i, at + k);
                    else out.setNull(at + k);
                }
            }
        });
    }

    /** list_append(l, x) / list_prepend(x, l): one element added at the end / front (a NULL list counts as empty). */
    private static ScalarFunction append(String name, List<LogicalType> types, boolean prepend) {
        LogicalType list = types.get(prepend ? 1 : 0);
        LogicalType value = types.get(prepend ? 0 : 1);
        LogicalType element = CastRules.tryMaxLogicalType(list.childType(), value);
        if (element == null) throw new BinderException("Cannot add a value of type " + value + " to a list of " + list.childType());
        LogicalType lt = LogicalType.list(element);
        List<LogicalType> params = prepend ? List.of(element, lt) : List.of(lt, element);
        return new ScalarFunction(name, params, lt, (args, count, res) -> {
            Vector l = args[prepend ? 1 : 0];
            Vector x = args[prepend ? 0 : 1];
            Vector out = res.child();
            for (int i = 0; i < count; i++) {
                int len = l.isNull(i) ? 0 : l.lengths[i];
                int at = res.startList(i, len + 1);
                if (prepend) {
                    out.copyRow(x, i, at);
                    if (len > 0) out.copyRange(l.child(), l.offsets[i], at + 1, len);
                } else {
                    if (len > 0) out.copyRange(l.child(), l.offsets[i], at, len);
                    out.copyRow(x, i, at + len);
                }
            }
        });
    }

    /** list_has_any(a, b): some non-NULL element of b is in a; list_has_all(a, b): every non-NULL element of b is. */
    private static ScalarFunction hasAnyAll(String name, List<LogicalType> types) {
        boolean all = name.endsWith("all");
        LogicalType t = commonList(name, types.get(0), types.get(1));
        return new ScalarFunction(name, List.of(t, t), BOOLEAN, (args, count, res) -> {
            Vector a = args[0];
            Vector b = args[1];
            for (int i = 0; i < count; i++) {
                if (a.isNull(i) || b.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                boolean any = false;
                boolean every = true;
                for (int k = 0; k < b.lengths[i]; k++) {
                    int e = b.offsets[i] + k;
                    if (b.child().isNull(e)) continue;
                    boolean found = false;
                    for (int j = 0; j < a.lengths[i] && !found; j++) {
                        int f = a.offsets[i] + j;
                        found = a.child().isValid(f) && RowCompare.equals(a.child(), f, b.child(), e);
                    }
                    any |= found;
                    every &= found;
                }
                boolean result = all ? every : any;
                res.bytes[i] = (byte) (result ? 1 : 0);
            }
        });
    }

    /** Inner product, Euclidean distance and cosine similarity/distance of two equal-length numeric lists. */
    private static ScalarFunction vectorMath(String name, LogicalType t) {
        LogicalType lt = LogicalType.list(t);
        String op = name.replaceFirst("^(list|array)_", "");
        return new ScalarFunction(name, List.of(lt, lt), t, (args, count, res) -> {
            Vector a = args[0];
            Vector b = args[1];
            for (int i = 0; i < count; i++) {
                if (a.isNull(i) || b.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                int n = a.lengths[i];
                if (b.lengths[i] != n) {
                    if (name.startsWith("array_")) throw new InvalidInputException(name + ": Array arguments must be of the same size");
                    throw new InvalidInputException(name + ": list dimensions must be equal, got left length '" + n + "' and right length '" + b.lengths[i] + "'");
                }
                requireNoNullElements(name, a, b, i, n);
                double dot = 0, na = 0, nb = 0, dist = 0;
                for (int k = 0; k < n; k++) {
                    int ea = a.offsets[i] + k;
                    int eb = b.offsets[i] + k;
                    double x = t.id() == TypeId.FLOAT ? a.child().floats[ea] : a.child().doubles[ea];
                    double y = t.id() == TypeId.FLOAT ? b.child().floats[eb] : b.child().doubles[eb];
                    dot += x * y;
                    na += x * x;
                    nb += y * y;
                    dist += (x - y) * (x - y);
                }
                double v = switch (op) {
                    case "inner_product", "dot_product" -> dot;
                    case "negative_inner_product", "negative_dot_product" -> -dot;
                    case "distance" -> Math.sqrt(dist);
                    case "cosine_similarity" -> dot / Math.sqrt(na * nb);
                    default -> 1 - dot / Math.sqrt(na * nb);
                };
                if (t.id() == TypeId.FLOAT) res.floats[i] = (float) v;
                else res.doubles[i] = v;
            }
        });
    }

    /** DuckDB's check on the vector functions' arguments: the whole left list first, then the right one. */
    private static void requireNoNullElements(String name, Vector a, Vector b, int row, int n) {
        for (int k = 0; k < n; k++) {
            if (a.child().isNull(a.offsets[row] + k)) throw new InvalidInputException(name + ": left argument can not contain NULL values");
        }
        for (int k = 0; k < n; k++) {
            if (b.child().isNull(b.offsets[row] + k)) throw new InvalidInputException(name + ": right argument can not contain NULL values");
        }
    }

    /** array_cross_product(FLOAT[3] | DOUBLE[3], same): the cross product of two 3-vectors. */
    private static ScalarFunction crossProduct(LogicalType t) {
        LogicalType at = LogicalType.array(t, 3);
        boolean f = t.id() == TypeId.FLOAT;
        return new ScalarFunction("array_cross_product", List.of(at, at), at, (args, count, res) -> {
            Vector a = args[0];
            Vector b = args[1];
            Vector out = res.child();
            double[] x = new double[3];
            double[] y = new double[3];
            for (int i = 0; i < count; i++) {
                if (a.isNull(i) || b.isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                requireNoNullElements("array_cross_product", a, b, i, 3);
                for (int k = 0; k < 3; k++) {
                    x[k] = f ? a.child().floats[a.offsets[i] + k] : a.child().doubles[a.offsets[i] + k];
                    y[k] = f ? b.child().floats[b.offsets[i] + k] : b.child().doubles[b.offsets[i] + k];
                }
                int at0 = res.startList(i, 3);
                for (int k = 0; k < 3; k++) {
                    double v = x[(k + 1) % 3] * y[(k + 2) % 3] - x[(k + 2) % 3] * y[(k + 1) % 3];
                    if (f) out.floats[at0 + k] = (float) v;
                    else out.doubles[at0 + k] = v;
                    out.setValid(at0 + k);
                }
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
                long n = rangeCount(start, end, step, inclusive);
                if (n > Integer.MAX_VALUE - 16) throw new InvalidInputException("Lists larger than 2^31 elements are not supported");
                int at = res.startList(i, (int) n);
                for (int k = 0; k < n; k++) {
                    // a range of millions takes seconds to fill: a cancel must reach it
                    if ((k & 0xFFFF) == 0xFFFF) io.tealdb.memory.StatementGuard.check();
                    out.setValid(at + k);
                    out.longs[at + k] = start + k * step;
                }
            }
        });
    }

    /**
     * range / generate_series(TIMESTAMP, TIMESTAMP, INTERVAL): start, start + step, (start + step)
     * + step, ... while before (range) or up to (generate_series) the end, in the step's direction;
     * a zero step gives [], a step with mixed signs or an infinite bound is an error (DuckDB).
     */
    private static ScalarFunction timestampRange(String name, boolean inclusive) {
        LogicalType ts = LogicalType.TIMESTAMP;
        return new ScalarFunction(name, List.of(ts, ts, LogicalType.INTERVAL), LogicalType.list(ts), (args, count, res) -> {
            Vector out = res.child();
            long[] values = new long[16];
            for (int i = 0; i < count; i++) {
                if (args[0].isNull(i) || args[1].isNull(i) || args[2].isNull(i)) {
                    res.setNull(i);
                    continue;
                }
                long start = args[0].longs[i];
                long end = args[1].longs[i];
                int months = args[2].ints[i];
                int days = args[2].days[i];
                long micros = args[2].longs[i];
                if (start == DateTimeUtil.TS_POS_INF || start == DateTimeUtil.TS_NEG_INF || end == DateTimeUtil.TS_POS_INF || end == DateTimeUtil.TS_NEG_INF) {
                    throw new InvalidInputException("Interval infinite bounds not supported");
                }
                boolean up = months > 0 || days > 0 || micros > 0;
                boolean down = months < 0 || days < 0 || micros < 0;
                if (up && down) throw new InvalidInputException("Interval with mix of negative/positive entries not supported");
                int n = 0;
                long cur = start;
                while (up ? (inclusive ? cur <= end : cur < end) : down && (inclusive ? cur >= end : cur > end)) {
                    if (n == values.length) {
                        if (n > (1 << 30)) throw new InvalidInputException("Lists larger than 2^31 elements are not supported");
                        // the timestamps are collected before the list is sized: each doubling must fit memory_limit
                        io.tealdb.memory.StatementGuard.admit(16L * n, "a range of timestamps");
                        io.tealdb.memory.StatementGuard.check();
                        values = java.util.Arrays.copyOf(values, n * 2);
                    }
                    values[n++] = cur;
                    cur = DateFunctions.addInterval(cur, months, days, micros);
                }
                int at = res.startList(i, n);
                for (int k = 0; k < n; k++) {
                    out.setValid(at + k);
                    out.longs[at + k] = values[k];
                }
            }
        });
    }

    /**
     * The number of elements of range / generate_series (saturated at Long.MAX_VALUE). end - start
     * and the rounding overflow a long for ranges such as range(9223372036854775807, 10, -48): those
     * are counted in 128-bit arithmetic.
     */
    static long rangeCount(long start, long end, long step, boolean inclusive) {
        long diff = end - start;
        boolean overflow = ((end ^ start) & (end ^ diff)) < 0;
        if (!overflow && Math.abs(diff) < (1L << 61) && Math.abs(step) < (1L << 61)) {
            if (inclusive) {
                return step > 0 ? (end >= start ? diff / step + 1 : 0) : (end <= start ? diff / step + 1 : 0);
            }
            return step > 0 ? (end > start ? (diff + step - 1) / step : 0) : (end < start ? (diff + step + 1) / step : 0);
        }
        java.math.BigInteger span = java.math.BigInteger.valueOf(end).subtract(java.math.BigInteger.valueOf(start));
        java.math.BigInteger st = java.math.BigInteger.valueOf(step);
        java.math.BigInteger count128;
        if (span.signum() != 0 && span.signum() != st.signum()) {
            count128 = java.math.BigInteger.ZERO;
        } else if (inclusive) {
            count128 = span.divide(st).add(java.math.BigInteger.ONE);
        } else {
            count128 = span.signum() == 0 ? java.math.BigInteger.ZERO : span.add(st).subtract(java.math.BigInteger.valueOf(st.signum())).divide(st);
        }
        return count128.bitLength() > 63 ? Long.MAX_VALUE : count128.longValue();
    }
}
