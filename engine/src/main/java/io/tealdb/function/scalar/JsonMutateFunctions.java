package io.tealdb.function.scalar;

import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.io.json.JsonPath;
import io.tealdb.io.json.JsonTree;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tealdb.types.LogicalType.JSON;
import static io.tealdb.types.LogicalType.VARCHAR;

/**
 * DuckDB's JSON functions that change one place of a document: json_set (insert or replace),
 * json_insert (only where nothing is), json_replace (only where something is) and json_remove.
 * The place is a path in any of {@link JsonPath}'s forms. Writing creates the missing objects and
 * arrays on the way (an array only for index 0 or the end, {@code [#]}, {@code [#-0]}, JSON
 * Pointer {@code -}); a path that leads through a scalar or out of an array's range changes
 * nothing. The empty path and {@code $} mean the whole document (removing it gives NULL).
 */
final class JsonMutateFunctions {
    private JsonMutateFunctions() {
    }

    private enum Mode { SET, INSERT, REPLACE }

    static void register(FunctionRegistry r) {
        write(r, "json_set", Mode.SET);
        write(r, "json_insert", Mode.INSERT);
        write(r, "json_replace", Mode.REPLACE);
        Kernels.regGeneric(r, "json_remove", List.of(ArgSpec.ANY, ArgSpec.of(VARCHAR)), types ->
                new ScalarFunction("json_remove", List.of(JSON, VARCHAR), JSON, (args, count, res) -> {
                    Vector doc = args[0];
                    Vector path = args[1];
                    for (int i = 0; i < count; i++) {
                        if (doc.isNull(i) || path.isNull(i)) {
                            res.setNull(i);
                            continue;
                        }
                        Object root = JsonTree.parse(doc.getString(i));
                        List<Object> steps = steps(path.getString(i));
                        if (steps.isEmpty()) {
                            res.setNull(i);
                            continue;
                        }
                        remove(root, steps, 0);
                        res.setString(i, JsonTree.write(root));
                    }
                }));
    }

    /** json_set / json_insert / json_replace(doc JSON, path VARCHAR, value JSON): any other type is cast. */
    private static void write(FunctionRegistry r, String name, Mode mode) {
        Kernels.regGeneric(r, name, List.of(ArgSpec.ANY, ArgSpec.of(VARCHAR), ArgSpec.ANY), types ->
                new ScalarFunction(name, List.of(JSON, VARCHAR, JSON), JSON, (args, count, res) -> {
                    Vector doc = args[0];
                    Vector path = args[1];
                    Vector value = args[2];
                    for (int i = 0; i < count; i++) {
                        if (doc.isNull(i) || path.isNull(i) || value.isNull(i)) {
                            res.setNull(i);
                            continue;
                        }
                        Object root = JsonTree.parse(doc.getString(i));
                        List<Object> steps = steps(path.getString(i));
                        Object v = JsonTree.parse(value.getString(i));
                        res.setString(i, JsonTree.write(apply(root, steps, 0, v, mode)));
                    }
                }));
    }

    /** The path's steps; a bad path is an Invalid Input Error here (the paths are data, read per row). */
    private static List<Object> steps(String path) {
        try {
            JsonPath p = JsonPath.parse(path);
            if (p.hasWildcard()) {
                throw new io.tealdb.error.InvalidInputException("JSON path wildcards are not supported in modification functions: " + path);
            }
            return p.steps();
        } catch (io.tealdb.error.BinderException e) {
            throw new io.tealdb.error.InvalidInputException(e.getMessage());
        }
    }

    /** The node with the value written at steps[at..]; containers are changed in place. */
    @SuppressWarnings("unchecked")
    private static Object apply(Object node, List<Object> steps, int at, Object value, Mode mode) {
        if (at == steps.size()) return mode == Mode.INSERT ? node : value;
        Object step = steps.get(at);
        boolean last = at == steps.size() - 1;
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> m = (Map<String, Object>) raw;
            String key = key(step);
            if (key == null) return node;
            if (m.containsKey(key)) {
                if (last) {
                    if (mode != Mode.INSERT) m.put(key, value);
                } else {
                    m.put(key, apply(m.get(key), steps, at + 1, value, mode));
                }
            } else if (mode != Mode.REPLACE) {
                Object created = build(steps, at + 1, value);
                if (created != null) m.put(key, created);
            }
            return node;
        }
        if (node instanceof List<?> raw) {
            List<Object> l = (List<Object>) raw;
            int k = index(step, l.size(), true);
            if (k >= 0 && k < l.size()) {
                if (last) {
                    if (mode != Mode.INSERT) l.set(k, value);
                } else {
                    l.set(k, apply(l.get(k), steps, at + 1, value, mode));
                }
            } else if (k == l.size() && mode != Mode.REPLACE) {
                Object created = build(steps, at + 1, value);
                if (created != null) l.add(created);
            }
            return node;
        }
        return node; // a scalar has no places inside
    }

    /** A new subtree holding value at steps[at..], or null when the path cannot be created. */
    private static Object build(List<Object> steps, int at, Object value) {
        if (at == steps.size()) return value;
        Object step = steps.get(at);
        Object child = build(steps, at + 1, value);
        if (child == null) return null;
        if (step instanceof Integer idx) {
            if (idx != 0 && idx != JsonPath.END && idx != JsonPath.END_ZERO) return null;
            List<Object> l = new ArrayList<>(1);
            l.add(child);
            return l;
        }
        if (step instanceof JsonPath.PointerStep p && p.token().equals("-")) {
            List<Object> l = new ArrayList<>(1);
            l.add(child);
            return l;
        }
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put(key(step), child);
        return m;
    }

    /** Removes the node at steps[at..] under node, if there is one. */
    @SuppressWarnings("unchecked")
    private static void remove(Object node, List<Object> steps, int at) {
        Object step = steps.get(at);
        boolean last = at == steps.size() - 1;
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> m = (Map<String, Object>) raw;
            String key = key(step);
            if (key == null || !m.containsKey(key)) return;
            if (last) m.remove(key);
            else remove(m.get(key), steps, at + 1);
        } else if (node instanceof List<?> raw) {
            List<Object> l = (List<Object>) raw;
            int k = index(step, l.size(), false);
            if (k < 0 || k >= l.size()) return;
            if (last) l.remove(k);
            else remove(l.get(k), steps, at + 1);
        }
    }

    /** The object key a step names, or null for an array index. */
    private static String key(Object step) {
        return switch (step) {
            case String s -> s;
            case JsonPath.PointerStep p -> p.token();
            default -> null;
        };
    }

    /**
     * The array position a step names (size: one past the end), or -1 for none: negative indexes
     * count from the end; [#-0] is the end when writing.
     */
    private static int index(Object step, int size, boolean writing) {
        if (step instanceof Integer idx) {
            if (idx == JsonPath.END) return size;
            if (idx == JsonPath.END_ZERO) return writing ? size : -1;
            long k = idx >= 0 ? idx : (long) size + idx;
            return k < 0 ? -1 : (int) Math.min(k, Integer.MAX_VALUE);
        }
        if (step instanceof JsonPath.PointerStep p) {
            if (p.token().equals("-")) return writing ? size : -1;
            if (!p.token().matches("[0-9]+")) return -1;
            try {
                return Integer.parseInt(p.token());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
