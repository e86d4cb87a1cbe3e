package io.tealdb.function.table;

import io.tealdb.error.BinderException;
import io.tealdb.io.json.JsonNull;
import io.tealdb.io.json.JsonPath;
import io.tealdb.io.json.JsonTree;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code json_each(json [, path])} (one row per member or element of the top-level container, or
 * one row for a scalar) and {@code json_tree(json [, path])} (one row per node, depth first), with
 * DuckDB's (and SQLite's) columns key, value, type, atom, id, parent, fullkey, path. {@code id}
 * numbers the document's nodes in document order the way DuckDB's parser does (an object's key
 * takes a number too), so ids are the same as DuckDB's; {@code fullkey} quotes a key unless it is
 * an ASCII letter followed by letters, digits and underscores, so it reads back with json_extract.
 * The arguments are constants; the rows are built when the call is bound.
 */
public final class JsonEachFunction {
    private static final List<String> NAMES = List.of("key", "value", "type", "atom", "id", "parent", "fullkey", "path");
    private static final List<LogicalType> TYPES = List.of(LogicalType.VARCHAR, LogicalType.JSON, LogicalType.VARCHAR,
            LogicalType.JSON, LogicalType.UBIGINT, LogicalType.UBIGINT, LogicalType.VARCHAR, LogicalType.VARCHAR);

    private JsonEachFunction() {
    }

    /** Binds json_each or json_tree; null when {@code name} is neither. */
    public static RowsTableFunction bind(String name, List<Value> args, List<String> namedNames) {
        if (!name.equals("json_each") && !name.equals("json_tree")) return null;
        if (args.isEmpty() || args.size() > 2) throw new BinderException(name + " takes a JSON document and an optional path");
        if (!namedNames.isEmpty()) throw new BinderException("Invalid named parameter \"" + namedNames.get(0) + "\" for function " + name);
        List<Object[]> rows = new ArrayList<>();
        if (args.get(0).isNull() || (args.size() == 2 && args.get(1).isNull())) return new RowsTableFunction(name, NAMES, TYPES, rows);
        Object doc = JsonTree.parse(String.valueOf(args.get(0).object()));
        Object root = doc;
        long rootId = 0;
        String rootKey = "$";
        if (args.size() == 2) {
            JsonPath path = JsonPath.parse(String.valueOf(args.get(1).object()));
            if (path.hasWildcard()) throw new BinderException(name + " does not take a path with wildcards");
            // walk the path keeping the node's number and its fullkey
            StringBuilder full = new StringBuilder("$");
            for (Object step : path.steps()) {
                int at = position(root, step);
                if (at < 0) return new RowsTableFunction(name, NAMES, TYPES, rows);
                rootId = childId(root, rootId, at);
                if (root instanceof Map<?, ?> m) {
                    String key = (String) new ArrayList<>(m.keySet()).get(at);
                    appendKey(full, key);
                    root = m.get(key);
                } else {
                    full.append('[').append(at).append(']');
                    root = ((List<?>) root).get(at);
                }
            }
            rootKey = full.toString();
        }
        if (name.equals("json_each")) {
            if (root instanceof Map<?, ?> m) {
                long id = rootId + 1;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    id++; // the key's number
                    StringBuilder full = new StringBuilder(rootKey);
                    appendKey(full, (String) e.getKey());
                    rows.add(row((String) e.getKey(), e.getValue(), id, null, full.toString(), rootKey));
                    id += size(e.getValue());
                }
            } else if (root instanceof List<?> l) {
                long id = rootId + 1;
                for (int k = 0; k < l.size(); k++) {
                    rows.add(row(Integer.toString(k), l.get(k), id, null, rootKey + "[" + k + "]", rootKey));
                    id += size(l.get(k));
                }
            } else {
                rows.add(row(null, root, rootId, null, rootKey, rootKey));
            }
        } else {
            tree(null, root, rootId, null, rootKey, rootKey, rows);
        }
        return new RowsTableFunction(name, NAMES, TYPES, rows);
    }

    /** Adds node's row and its descendants' (depth first); returns the number after the subtree. */
    private static long tree(String key, Object node, long id, Long parent, String fullkey, String path, List<Object[]> rows) {
        rows.add(row(key, node, id, parent, fullkey, path));
        long next = id + 1;
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                next++; // the key
                StringBuilder full = new StringBuilder(fullkey);
                appendKey(full, (String) e.getKey());
                next = tree((String) e.getKey(), e.getValue(), next, id, full.toString(), fullkey, rows);
            }
        } else if (node instanceof List<?> l) {
            for (int k = 0; k < l.size(); k++) {
                next = tree(Integer.toString(k), l.get(k), next, id, fullkey + "[" + k + "]", fullkey, rows);
            }
        }
        return next;
    }

    private static Object[] row(String key, Object node, long id, Long parent, String fullkey, String path) {
        boolean container = node instanceof Map<?, ?> || node instanceof List<?>;
        String text = JsonTree.write(node);
        return new Object[]{key, text, JsonTree.typeName(node), container || node == JsonNull.INSTANCE ? null : text,
                BigInteger.valueOf(id), parent == null ? null : BigInteger.valueOf(parent), fullkey, path};
    }

    /** How many numbers a subtree takes: one per node and one per object key. */
    private static long size(Object node) {
        long n = 1;
        if (node instanceof Map<?, ?> m) {
            for (Object v : m.values()) n += 1 + size(v);
        } else if (node instanceof List<?> l) {
            for (Object v : l) n += size(v);
        }
        return n;
    }

    /** The position of the member or element {@code step} selects in {@code node}, or -1. */
    private static int position(Object node, Object step) {
        if (node instanceof Map<?, ?> m) {
            String key = step instanceof String s ? s : step instanceof JsonPath.PointerStep p ? p.token() : null;
            int k = 0;
            for (Object candidate : m.keySet()) {
                if (candidate.equals(key)) return k;
                k++;
            }
            return -1;
        }
        if (node instanceof List<?> l) {
            int k;
            if (step instanceof Integer idx) {
                k = idx == JsonPath.END_ZERO ? 0 : idx == JsonPath.END ? l.size() : idx >= 0 ? idx : l.size() + idx;
            } else if (step instanceof JsonPath.PointerStep p && p.token().matches("[0-9]+")) {
                k = Integer.parseInt(p.token());
            } else {
                return -1;
            }
            return k >= 0 && k < l.size() ? k : -1;
        }
        return -1;
    }

    /** The number of the member or element at {@code position} of {@code parent} (numbered {@code parentId}). */
    private static long childId(Object parent, long parentId, int position) {
        long id = parentId + 1;
        int k = 0;
        for (Object v : parent instanceof Map<?, ?> m ? m.values() : (List<?>) parent) {
            if (parent instanceof Map<?, ?>) id++; // the key
            if (k++ == position) return id;
            id += size(v);
        }
        return id;
    }

    /** {@code .key}, quoted unless it is an ASCII letter followed by ASCII letters, digits and underscores. */
    private static void appendKey(StringBuilder sb, String key) {
        boolean plain = !key.isEmpty() && isAsciiLetter(key.charAt(0));
        for (int i = 1; i < key.length() && plain; i++) {
            char c = key.charAt(i);
            plain = isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
        }
        sb.append('.');
        if (plain) {
            sb.append(key);
        } else {
            sb.append('"').append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
