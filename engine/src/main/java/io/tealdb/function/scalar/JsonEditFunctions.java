package io.tealdb.function.scalar;

import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.io.json.JsonNull;
import io.tealdb.io.json.JsonNumber;
import io.tealdb.io.json.JsonTree;
import io.tealdb.vector.Vector;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tealdb.types.LogicalType.JSON;
import static io.tealdb.types.LogicalType.VARCHAR;

/**
 * DuckDB's JSON functions that rewrite a whole document: json_strip_nulls (object members that are
 * null go, recursively; array elements stay), json_normalize (object keys sorted, recursively),
 * json_pretty (four-space indentation), json_merge_patch (RFC 7396, any number of patches) and
 * json_merge_patch_diff (the patch that turns one document into another). Documents are parsed into
 * {@link JsonTree} trees; every argument of another type is cast to JSON first, as DuckDB does.
 */
final class JsonEditFunctions {
    private JsonEditFunctions() {
    }

    static void register(FunctionRegistry r) {
        unary(r, "json_strip_nulls", JSON, n -> JsonTree.write(stripNulls(n)));
        unary(r, "json_normalize", VARCHAR, n -> JsonTree.write(normalize(n)));
        unary(r, "json_pretty", VARCHAR, n -> {
            StringBuilder sb = new StringBuilder();
            pretty(n, 0, sb);
            return sb.toString();
        });
        Kernels.regVarargs(r, "json_merge_patch", List.of(ArgSpec.ANY, ArgSpec.ANY), ArgSpec.ANY, types ->
                new ScalarFunction("json_merge_patch", Collections.nCopies(types.size(), JSON), JSON, (args, count, res) -> {
                    for (int i = 0; i < count; i++) {
                        // a SQL NULL is "no document": patching nothing gives the patch, a NULL patch gives nothing
                        Object doc = args[0].isNull(i) ? null : JsonTree.parse(args[0].getString(i));
                        for (int k = 1; k < args.length; k++) {
                            Object patch = args[k].isNull(i) ? null : JsonTree.parse(args[k].getString(i));
                            doc = patch == null || doc == null ? patch : patchRoot(doc, patch);
                        }
                        if (doc == null) res.setNull(i);
                        else res.setString(i, JsonTree.write(doc));
                    }
                }));
        Kernels.regGeneric(r, "json_merge_patch_diff", List.of(ArgSpec.ANY, ArgSpec.ANY), types ->
                new ScalarFunction("json_merge_patch_diff", List.of(JSON, JSON), JSON, (args, count, res) -> {
                    for (int i = 0; i < count; i++) {
                        if (args[1].isNull(i)) {
                            res.setNull(i);
                            continue;
                        }
                        Object target = JsonTree.parse(args[1].getString(i));
                        if (args[0].isNull(i)) {
                            res.setString(i, JsonTree.write(target));
                            continue;
                        }
                        res.setString(i, JsonTree.write(diff(JsonTree.parse(args[0].getString(i)), target)));
                    }
                }));
    }

    /** A function of one document; an argument of any type is cast to JSON. */
    private static void unary(FunctionRegistry r, String name, io.tealdb.types.LogicalType ret, java.util.function.Function<Object, String> f) {
        Kernels.regGeneric(r, name, List.of(ArgSpec.ANY), types -> new ScalarFunction(name, List.of(JSON), ret, (args, count, res) -> {
            Vector doc = args[0];
            for (int i = 0; i < count; i++) {
                if (doc.isNull(i)) res.setNull(i);
                else res.setString(i, f.apply(JsonTree.parse(doc.getString(i))));
            }
        }));
    }

    @SuppressWarnings("unchecked")
    static Object stripNulls(Object n) {
        if (n instanceof Map<?, ?> m) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (e.getValue() != JsonNull.INSTANCE) out.put(e.getKey(), stripNulls(e.getValue()));
            }
            return out;
        }
        if (n instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object e : l) out.add(stripNulls(e));
            return out;
        }
        return n;
    }

    /** Keys in byte order of their UTF-8 text (code point order), at every level. */
    @SuppressWarnings("unchecked")
    static Object normalize(Object n) {
        if (n instanceof Map<?, ?> m) {
            List<String> keys = new ArrayList<>(((Map<String, Object>) m).keySet());
            keys.sort(JsonEditFunctions::compareCodePoints);
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            for (String k : keys) out.put(k, normalize(m.get(k)));
            return out;
        }
        if (n instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object e : l) out.add(normalize(e));
            return out;
        }
        return n;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) return Integer.compare(x, y);
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** DuckDB's pretty form: four spaces per level, {@code "key": value}, empty containers inline. */
    @SuppressWarnings("unchecked")
    private static void pretty(Object n, int depth, StringBuilder sb) {
        if (n instanceof Map<?, ?> m && !m.isEmpty()) {
            sb.append("{\n");
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (!first) sb.append(",\n");
                first = false;
                indent(sb, depth + 1);
                sb.append(JsonTree.write(e.getKey())).append(": ");
                pretty(e.getValue(), depth + 1, sb);
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append('}');
        } else if (n instanceof List<?> l && !l.isEmpty()) {
            sb.append("[\n");
            for (int k = 0; k < l.size(); k++) {
                if (k > 0) sb.append(",\n");
                indent(sb, depth + 1);
                pretty(l.get(k), depth + 1, sb);
            }
            sb.append('\n');
            indent(sb, depth);
            sb.append(']');
        } else {
            sb.append(JsonTree.write(n));
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("    ".repeat(depth));
    }

    /** DuckDB's merge at the top level: a document that is not an object is replaced by the patch as it is. */
    static Object patchRoot(Object target, Object patch) {
        return target instanceof Map<?, ?> ? mergePatch(target, patch) : patch;
    }

    /**
     * RFC 7396 merge patch: a non-object patch replaces the target; an object patch drops the
     * members it sets to null and merges the others into the target (an empty object when the
     * target is not one). As in DuckDB the target's untouched members come first, then the
     * patch's in its order.
     */
    @SuppressWarnings("unchecked")
    static Object mergePatch(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> p)) return patch;
        Map<String, Object> base = target instanceof Map<?, ?> t ? (Map<String, Object>) t : Map.of();
        Map<String, Object> changes = (Map<String, Object>) p;
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : base.entrySet()) {
            if (!changes.containsKey(e.getKey())) out.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            if (e.getValue() != JsonNull.INSTANCE) out.put(e.getKey(), mergePatch(base.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    /**
     * The merge patch that turns {@code from} into {@code to}: for two objects, null for each member
     * that went (in {@code from}'s order) then, in {@code to}'s order, the new members and the diffs
     * of the changed ones; otherwise {@code to} itself.
     */
    @SuppressWarnings("unchecked")
    static Object diff(Object from, Object to) {
        if (!(from instanceof Map<?, ?> f) || !(to instanceof Map<?, ?> t)) return to;
        Map<String, Object> a = (Map<String, Object>) f;
        Map<String, Object> b = (Map<String, Object>) t;
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (String k : a.keySet()) {
            if (!b.containsKey(k)) out.put(k, JsonNull.INSTANCE);
        }
        for (Map.Entry<String, Object> e : b.entrySet()) {
            String k = e.getKey();
            if (!a.containsKey(k)) {
                out.put(k, e.getValue());
            } else if (!same(a.get(k), e.getValue())) {
                Object old = a.get(k);
                out.put(k, old instanceof Map<?, ?> && e.getValue() instanceof Map<?, ?> ? diff(old, e.getValue()) : e.getValue());
            }
        }
        return out;
    }

    /** Deep equality; integers equal integers and reals equal reals by value, an integer never a real. */
    static boolean same(Object x, Object y) {
        if (x instanceof JsonNumber a && y instanceof JsonNumber b) {
            if (a.integral() != b.integral()) return false;
            if (a.integral()) return new BigDecimal(a.text()).compareTo(new BigDecimal(b.text())) == 0;
            return Double.compare(Double.parseDouble(a.text()), Double.parseDouble(b.text())) == 0;
        }
        if (x instanceof Map<?, ?> a && y instanceof Map<?, ?> b) {
            if (a.size() != b.size()) return false;
            for (Map.Entry<?, ?> e : a.entrySet()) {
                if (!b.containsKey(e.getKey()) || !same(e.getValue(), b.get(e.getKey()))) return false;
            }
            return true;
        }
        if (x instanceof List<?> a && y instanceof List<?> b) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!same(a.get(i), b.get(i))) return false;
            return true;
        }
        return x.equals(y);
    }
}
