package io.tealdb.io.json;

import io.tealdb.error.BinderException;
import io.tealdb.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A path into a JSON document in DuckDB's forms: JSONPath {@code $.a.b[2]}, {@code $."a b"},
 * {@code $[#-1]} (from the end), JSON Pointer {@code /a/b/2}, or a bare key {@code a}. Steps are
 * keys (String) or array indexes (Integer; negative counts from the end, -1 the last).
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
                    if (i < n && path.charAt(i) == '"') {
                        int end = path.indexOf('"', i + 1);
                        if (end < 0) throw invalid(path);
                        steps.add(path.substring(i + 1, end));
                        i = end + 1;
                    } else {
                        int start = i;
                        while (i < n && path.charAt(i) != '.' && path.charAt(i) != '[') i++;
                        if (i == start) throw invalid(path);
                        String key = path.substring(start, i);
                        if (key.equals("*")) throw new InvalidInputException("JSON path wildcards are not supported yet: " + path);
                        steps.add(key);
                    }
                } else if (c == '[') {
                    int end = path.indexOf(']', i);
                    if (end < 0) throw invalid(path);
                    String idx = path.substring(i + 1, end).trim();
                    if (idx.equals("*")) throw new InvalidInputException("JSON path wildcards are not supported yet: " + path);
                    try {
                        if (idx.startsWith("#")) {
                            String rest = idx.substring(1).trim();
                            int back = rest.isEmpty() ? 0 : Integer.parseInt(rest.replace(" ", ""));
                            if (back > 0) throw invalid(path);
                            // [#-k] is the k-th from the end (stored as -k), [#-0] the first (as DuckDB); [#] one past the end
                            steps.add(rest.isEmpty() ? Integer.MIN_VALUE : back);
                        } else {
                            // a negative index counts from the end, as [#-k] does
                            steps.add(Integer.parseInt(idx));
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

    /** A JSON Pointer step: a key in an object, an index in an array. */
    record PointerStep(String token) {
    }

    /** The path of one array index, for {@code json -> 3}. */
    public static JsonPath index(long i) {
        return new JsonPath(List.of((int) Math.max(Math.min(i, Integer.MAX_VALUE), Integer.MIN_VALUE + 1)));
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
                    int k = idx == Integer.MIN_VALUE ? l.size() : idx >= 0 ? idx : l.size() + idx;
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
