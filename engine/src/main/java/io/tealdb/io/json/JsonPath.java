package io.tealdb.io.json;

import io.tealdb.error.BinderException;
import io.tealdb.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A path into a JSON document in DuckDB's forms: JSONPath {@code $.a.b[2]}, {@code $."a b"},
 * {@code $[#-1]} (from the end), JSON Pointer {@code /a/b/2}, or a bare key {@code a}. Steps are
 * keys (String) or array indexes (Integer; negative counts from the end, -1 the last), or
 * {@link Wildcard}s: {@code .*} (every member of an object), {@code [*]} (every element of an
 * array), {@code ..x} / {@code ..*} / {@code .**} (x of the node and of every node below it). A
 * path with a wildcard selects a list of nodes ({@link #findAll}); one without selects one node
 * ({@link #find}).
 */
public record JsonPath(List<Object> steps) {
    public static JsonPath parse(String path) {
        List<Object> steps = new ArrayList<>();
        if (path.isEmpty()) return new JsonPath(List.of()); // JSON Pointer "": the whole document
        if (path.startsWith("$")) {
            int i = 1;
            int n = path.length();
            while (i < n) {
                char c = path.charAt(i);
                if (c == '.') {
                    i++;
                    if (i < n && path.charAt(i) == '.') {
                        // $..x: x of the node and of every node below it ($..* and $.** every node below)
                        i++;
                        steps.add(Wildcard.DESCEND);
                        if (i >= n || path.charAt(i) == '.') throw invalid(path);
                        if (path.charAt(i) == '[') continue;
                        if (path.charAt(i) == '*') {
                            steps.add(Wildcard.CHILDREN);
                            i++;
                            continue;
                        }
                    } else if (i + 1 < n && path.charAt(i) == '*' && path.charAt(i + 1) == '*') {
                        steps.add(Wildcard.DESCEND);
                        steps.add(Wildcard.CHILDREN);
                        i += 2;
                        continue;
                    }
                    if (i < n && path.charAt(i) == '"') {
                        // a quoted key: \" is a quote and \\ a backslash inside it (any other
                        // backslash stays as it is, as in DuckDB); it may not be empty
                        StringBuilder key = new StringBuilder();
                        int j = i + 1;
                        while (j < n && path.charAt(j) != '"') {
                            char ch = path.charAt(j);
                            if (ch == '\\' && j + 1 < n && (path.charAt(j + 1) == '"' || path.charAt(j + 1) == '\\')) ch = path.charAt(++j);
                            key.append(ch);
                            j++;
                        }
                        if (j >= n || key.isEmpty()) throw invalid(path);
                        steps.add(key.toString());
                        i = j + 1;
                    } else {
                        int start = i;
                        while (i < n && path.charAt(i) != '.' && path.charAt(i) != '[') i++;
                        if (i == start) throw invalid(path);
                        String key = path.substring(start, i);
                        if (key.equals("*")) {
                            steps.add(steps.isEmpty() || steps.get(steps.size() - 1) != Wildcard.DESCEND ? Wildcard.MEMBERS : Wildcard.CHILDREN);
                        } else {
                            if (key.indexOf('*') >= 0) throw invalid(path);
                            steps.add(key);
                        }
                    }
                } else if (c == '[') {
                    int end = path.indexOf(']', i);
                    if (end < 0) throw invalid(path);
                    String idx = path.substring(i + 1, end).trim();
                    if (idx.equals("*")) {
                        steps.add(Wildcard.ELEMENTS);
                        i = end + 1;
                        continue;
                    }
                    try {
                        if (idx.startsWith("#")) {
                            String rest = idx.substring(1).trim();
                            int back = rest.isEmpty() ? 0 : Integer.parseInt(rest.replace(" ", ""));
                            if (back > 0) throw invalid(path);
                            // [#-k] is the k-th from the end (stored as -k); [#] one past the end; [#-0] reads the
                            // first element (as DuckDB) yet appends when writing (json_set), so it has its own mark
                            steps.add(rest.isEmpty() ? END : back == 0 ? END_ZERO : back);
                        } else if (idx.matches("-?[0-9]+")) {
                            // a negative index counts from the end, as [#-k] does; a huge one is out of range
                            long v;
                            try {
                                v = Long.parseLong(idx);
                            } catch (NumberFormatException e) {
                                v = idx.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
                            }
                            steps.add((int) Math.max(Math.min(v, Integer.MAX_VALUE), MIN_INDEX));
                        } else {
                            throw invalid(path);
                        }
                    } catch (NumberFormatException e) {
                        throw invalid(path);
                    }
                    i = end + 1;
                } else {
                    throw invalid(path);
                }
            }
        } else if (path.startsWith("/")) {
            for (String part : path.substring(1).split("/", -1)) {
                String key = part.replace("~1", "/").replace("~0", "~");
                steps.add(new PointerStep(key));
            }
        } else {
            steps.add(path);
        }
        return new JsonPath(List.copyOf(steps));
    }

    /** The wildcard steps. */
    public enum Wildcard {
        /** {@code .*}: the values of an object's members. */
        MEMBERS,
        /** {@code [*]}: the elements of an array. */
        ELEMENTS,
        /** {@code *} after {@code ..}: the members of an object or the elements of an array. */
        CHILDREN,
        /** {@code ..}: the node itself and every node below it, breadth first. */
        DESCEND
    }

    /** True when the path has a wildcard step, so it selects a list of nodes. */
    public boolean hasWildcard() {
        for (Object s : steps) if (s instanceof Wildcard) return true;
        return false;
    }

    /**
     * Every node the path selects under {@code root}, in DuckDB's order: the nodes of one step in
     * the order of the nodes they come from, descents breadth first. JSON nulls are kept; a missing
     * key or index adds nothing.
     */
    public List<Object> findAll(Object root) {
        List<Object> cur = new ArrayList<>();
        cur.add(root);
        for (Object step : steps) {
            List<Object> next = new ArrayList<>();
            for (Object node : cur) {
                if (step == Wildcard.DESCEND) {
                    descend(node, next);
                } else {
                    select(step, node, next);
                }
            }
            cur = next;
        }
        return cur;
    }

    private static void descend(Object node, List<Object> out) {
        int at = out.size();
        out.add(node);
        for (int k = at; k < out.size(); k++) select(Wildcard.CHILDREN, out.get(k), out);
    }

    private static void select(Object step, Object node, List<Object> out) {
        if (step instanceof Wildcard w) {
            if (node instanceof Map<?, ?> m && w != Wildcard.ELEMENTS) out.addAll(m.values());
            else if (node instanceof List<?> l && w != Wildcard.MEMBERS) out.addAll(l);
            return;
        }
        Object n = new JsonPath(List.of(step)).find(node);
        if (n != null) out.add(n);
    }

    /** A JSON Pointer step: a key in an object, an index in an array ({@code -}: one past the end). */
    public record PointerStep(String token) {
    }

    /** The index step {@code [#]}: one past the last element. */
    public static final int END = Integer.MIN_VALUE;
    /** The index step {@code [#-0]}: the first element when reading, one past the last when writing. */
    public static final int END_ZERO = Integer.MIN_VALUE + 1;
    /** The smallest ordinary (from the end) index step. */
    static final int MIN_INDEX = Integer.MIN_VALUE + 2;

    /** The path of one array index, for {@code json -> 3}. */
    public static JsonPath index(long i) {
        return new JsonPath(List.of((int) Math.max(Math.min(i, Integer.MAX_VALUE), MIN_INDEX)));
    }

    private static BinderException invalid(String path) {
        return new BinderException("JSON path error near \"" + path + "\": invalid path");
    }

    /** The node at this path under {@code root}, or null when there is none. */
    public Object find(Object root) {
        Object cur = root;
        for (Object step : steps) {
            if (cur == null) return null;
            cur = switch (step) {
                case String key -> cur instanceof Map<?, ?> m ? m.get(key) : null;
                case Integer idx -> {
                    if (!(cur instanceof List<?> l)) yield null;
                    int k = idx == END ? l.size() : idx == END_ZERO ? 0 : idx >= 0 ? idx : l.size() + idx;
                    yield k >= 0 && k < l.size() ? l.get(k) : null;
                }
                case PointerStep p -> {
                    if (cur instanceof Map<?, ?> m) yield m.get(p.token());
                    if (cur instanceof List<?> l) {
                        try {
                            int k = Integer.parseInt(p.token());
                            yield k >= 0 && k < l.size() ? l.get(k) : null;
                        } catch (NumberFormatException e) {
                            yield null;
                        }
                    }
                    yield null;
                }
                default -> null;
            };
        }
        return cur;
    }
}
