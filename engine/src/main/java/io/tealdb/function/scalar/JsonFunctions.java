package io.tealdb.function.scalar;

import io.tealdb.function.ArgSpec;
import io.tealdb.function.FunctionRegistry;
import io.tealdb.function.ScalarFunction;
import io.tealdb.function.ScalarKernel;
import io.tealdb.function.cast.JsonValueWriter;
import io.tealdb.function.cast.ValueFormatter;
import io.tealdb.io.json.JsonNull;
import io.tealdb.io.json.JsonPath;
import io.tealdb.io.json.JsonTree;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tealdb.types.LogicalType.BIGINT;
import static io.tealdb.types.LogicalType.BOOLEAN;
import static io.tealdb.types.LogicalType.JSON;
import static io.tealdb.types.LogicalType.UBIGINT;
import static io.tealdb.types.LogicalType.VARCHAR;

/**
 * DuckDB's everyday JSON functions over the JSON type (VARCHAR text that is valid JSON):
 * json_extract / {@code ->} (JSON), json_extract_string / {@code ->>} (text), with a path string, an
 * array index or a list of paths; json_valid, json_type, json_array_length, json_keys,
 * json_structure, json (minify); to_json / json_quote, json_object, json_array. Each document is
 * parsed with Jackson's streaming parser into a small tree ({@link JsonTree}); a constant path is
 * parsed once per chunk.
 */
final class JsonFunctions {
    private JsonFunctions() {
    }

    static void register(FunctionRegistry r) {
        JsonEditFunctions.register(r);
        JsonMutateFunctions.register(r);
        // extraction with a path, an index, or a list of paths
        for (String name : List.of("json_extract", "json_extract_path")) {
            regExtract(r, name, JSON, false);
            regJson(r, name, List.of(BIGINT), JSON, extractIndex(false));
            regJson(r, name, List.of(LogicalType.list(VARCHAR)), LogicalType.list(JSON), extractMany(false));
        }
        // j.key / j['key'] (an object's member, the key taken whole: no path syntax) and j[i] (an
        // array's element from 0, negative from the back): DuckDB's dot and subscript on JSON
        for (String name : List.of("struct_extract", "array_extract")) {
            Kernels.reg(r, name, List.of(JSON, VARCHAR), JSON, (args, count, result) -> {
                Vector doc = args[0];
                Vector key = args[1];
                for (int i = 0; i < count; i++) {
                    Object n = doc.isNull(i) || key.isNull(i) ? null : JsonTree.parse(doc.getString(i));
                    Object member = n instanceof Map<?, ?> m ? m.get(key.getString(i)) : null;
                    if (member == null) result.setNull(i);
                    else setExtracted(member, result, i, false);
                }
            });
        }
        Kernels.reg(r, "array_extract", List.of(JSON, BIGINT), JSON, extractIndex(false));
        for (String name : List.of("json_extract_string", "json_extract_path_text")) {
            regExtract(r, name, VARCHAR, true);
            regJson(r, name, List.of(BIGINT), VARCHAR, extractIndex(true));
            regJson(r, name, List.of(LogicalType.list(VARCHAR)), LogicalType.list(VARCHAR), extractMany(true));
        }
        regJson(r, "json_type", List.of(), VARCHAR, onNode((n, out, i) -> out.setString(i, JsonTree.typeName(n))));
        regJson(r, "json_type", List.of(VARCHAR), VARCHAR, onPath((n, out, i) -> out.setString(i, JsonTree.typeName(n))));
        regJson(r, "json_type", List.of(LogicalType.list(VARCHAR)), LogicalType.list(VARCHAR),
                onPaths((n, out, i) -> out.setString(i, JsonTree.typeName(n)), null));
        regJson(r, "json_exists", List.of(LogicalType.list(VARCHAR)), LogicalType.list(BOOLEAN),
                onPaths((n, out, i) -> out.bytes[i] = 1, (out, i) -> out.bytes[i] = 0));
        regJson(r, "json_array_length", List.of(), UBIGINT, onNode(JsonFunctions::arrayLength));
        regJson(r, "json_array_length", List.of(VARCHAR), UBIGINT, onPath(JsonFunctions::arrayLength));
        regJson(r, "json_keys", List.of(), LogicalType.list(VARCHAR), onNode(JsonFunctions::keys));
        regJson(r, "json_keys", List.of(VARCHAR), LogicalType.list(VARCHAR), onPath(JsonFunctions::keys));
        regJson(r, "json_structure", List.of(), JSON, onNode((n, out, i) -> out.setString(i, JsonTree.write(JsonTree.structure(n)))));
        // json_exists: whether the path selects anything; json_value: the selected scalar (NULL for an object or array)
        regJson(r, "json_exists", List.of(VARCHAR), BOOLEAN, (args, count, result) -> {
            Vector doc = args[0];
            Vector path = args[1];
            PathCache cache = new PathCache();
            for (int i = 0; i < count; i++) {
                if (doc.isNull(i) || path.isNull(i)) {
                    result.setNull(i);
                    continue;
                }
                result.bytes[i] = (byte) (cache.get(path.getString(i)).find(JsonTree.parse(doc.getString(i))) != null ? 1 : 0);
            }
        });
        // DuckDB 2.0: the scalar's JSON text as VARCHAR; objects, arrays and JSON null are SQL NULL
        NodeAction scalarValue = (n, out, i) -> {
            if (n instanceof Map<?, ?> || n instanceof List<?> || n == io.tealdb.io.json.JsonNull.INSTANCE) out.setNull(i);
            else out.setString(i, JsonTree.write(n));
        };
        regJson(r, "json_value", List.of(VARCHAR), VARCHAR, onPath(scalarValue));
        regJson(r, "json_value", List.of(BIGINT), VARCHAR, (args, count, result) -> {
            for (int i = 0; i < count; i++) {
                if (args[0].isNull(i) || args[1].isNull(i)) {
                    result.setNull(i);
                    continue;
                }
                Object n = JsonPath.index(args[1].longs[i]).find(JsonTree.parse(args[0].getString(i)));
                if (n == null) result.setNull(i);
                else scalarValue.apply(n, result, i);
            }
        });
        regJson(r, "json_value", List.of(LogicalType.list(VARCHAR)), LogicalType.list(VARCHAR), onPaths(scalarValue, null));
        regJson(r, "json", List.of(), JSON, onNode((n, out, i) -> out.setString(i, JsonTree.write(n))));
        Kernels.reg(r, "json_valid", List.of(VARCHAR), BOOLEAN, (args, count, result) -> {
            Vector s = args[0];
            for (int i = 0; i < count; i++) {
                if (s.isNull(i)) continue;
                result.bytes[i] = (byte) (JsonTree.tryParse(s.getString(i)) != null ? 1 : 0);
            }
            Kernels.propagateNulls(args, count, result);
        });
        Kernels.reg(r, "json_valid", List.of(JSON), BOOLEAN, (args, count, result) -> {
            for (int i = 0; i < count; i++) result.bytes[i] = 1;
            Kernels.propagateNulls(args, count, result);
        });
        for (String name : List.of("to_json", "json_quote")) {
            Kernels.regGeneric(r, name, List.of(ArgSpec.ANY), types -> new ScalarFunction(name, types, JSON, (args, count, result) -> {
                Vector v = args[0];
                for (int i = 0; i < count; i++) {
                    if (v.isNull(i)) {
                        result.setNull(i);
                    } else {
                        int row = i;
                        result.setString(i, JsonValueWriter.toJson(gen -> JsonValueWriter.writeValue(gen, v, row)));
                    }
                }
            }));
        }
        Kernels.regVarargs(r, "json_array", List.of(), ArgSpec.ANY, types -> new ScalarFunction("json_array", types, JSON,
                (args, count, result) -> {
                    for (int i = 0; i < count; i++) {
                        int row = i;
                        result.setString(i, JsonValueWriter.toJson(gen -> {
                            gen.writeStartArray();
                            for (Vector a : args) JsonValueWriter.writeValue(gen, a, row);
                            gen.writeEndArray();
                        }));
                    }
                }));
        Kernels.regVarargs(r, "json_object", List.of(), ArgSpec.ANY, types -> {
            if (types.size() % 2 != 0) {
                throw new io.tealdb.error.BinderException("json_object() requires an even number of arguments");
            }
            return new ScalarFunction("json_object", types, JSON, (args, count, result) -> {
                for (int i = 0; i < count; i++) {
                    int row = i;
                    result.setString(i, JsonValueWriter.toJson(gen -> {
                        gen.writeStartObject();
                        for (int k = 0; k < args.length; k += 2) {
                            if (args[k].isNull(row)) throw new io.tealdb.error.InvalidInputException("json_object() keys can not be NULL");
                            gen.writeFieldName(ValueFormatter.format(args[k], row));
                            JsonValueWriter.writeValue(gen, args[k + 1], row);
                        }
                        gen.writeEndObject();
                    }));
                }
            });
        });
    }

    /**
     * Registers a function of a JSON document (and {@code rest}) for JSON and VARCHAR documents, and
     * for a value of any other type, which is cast to JSON first (DuckDB casts any type to JSON for
     * the JSON functions).
     */
    private static void regJson(FunctionRegistry r, String name, List<LogicalType> rest, LogicalType ret, ScalarKernel k) {
        for (LogicalType in : List.of(JSON, VARCHAR)) {
            List<LogicalType> params = new java.util.ArrayList<>(rest.size() + 1);
            params.add(in);
            params.addAll(rest);
            Kernels.reg(r, name, params, ret, k);
        }
        List<ArgSpec> specs = new java.util.ArrayList<>(rest.size() + 1);
        specs.add(ArgSpec.ANY);
        for (LogicalType t : rest) specs.add(ArgSpec.of(t));
        List<LogicalType> declared = new java.util.ArrayList<>(rest.size() + 1);
        declared.add(JSON);
        declared.addAll(rest);
        Kernels.regGeneric(r, name, specs, types -> new ScalarFunction(name, declared, ret, k));
    }

    /**
     * json_extract / json_extract_string with a path, for JSON, VARCHAR and any other documents (as
     * {@link #regJson}). A constant path is checked when the call is bound (a bad one is a Binder
     * Error); with a wildcard it selects a list of nodes, so the function returns a LIST. A path
     * that is data may not have wildcards (the result type would depend on the rows).
     */
    private static void regExtract(FunctionRegistry r, String name, LogicalType ret, boolean asText) {
        for (LogicalType in : List.of(JSON, VARCHAR)) {
            Kernels.regWithConstants(r, name, List.of(ArgSpec.of(in), ArgSpec.of(VARCHAR)),
                    (types, consts) -> extractFunction(name, List.of(in, VARCHAR), ret, asText, consts.get(1)));
        }
        Kernels.regWithConstants(r, name, List.of(ArgSpec.ANY, ArgSpec.of(VARCHAR)),
                (types, consts) -> extractFunction(name, List.of(JSON, VARCHAR), ret, asText, consts.get(1)));
    }

    private static ScalarFunction extractFunction(String name, List<LogicalType> params, LogicalType ret, boolean asText,
                                                  io.tealdb.types.Value path) {
        if (path == null) {
            return new ScalarFunction(name, params, ret, onPath((n, out, i) -> setExtracted(n, out, i, asText), true));
        }
        if (!path.isNull()) {
            JsonPath p = JsonPath.parse(path.object().toString());
            if (p.hasWildcard()) {
                return new ScalarFunction(name, params, LogicalType.list(ret), (args, count, result) -> {
                    Vector doc = args[0];
                    for (int i = 0; i < count; i++) {
                        if (doc.isNull(i) || args[1].isNull(i)) {
                            result.setNull(i);
                            continue;
                        }
                        List<Object> nodes = p.findAll(JsonTree.parse(doc.getString(i)));
                        int at = result.startList(i, nodes.size());
                        for (Object n : nodes) setExtracted(n, result.child(), at++, asText);
                    }
                });
            }
        }
        return new ScalarFunction(name, params, ret, extract(asText));
    }

    /** What to do with the node a row's document (or its path) selects. */
    @FunctionalInterface
    private interface NodeAction {
        void apply(Object node, Vector out, int row);
    }

    private static void arrayLength(Object n, Vector out, int i) {
        out.longs[i] = n instanceof List<?> l ? l.size() : 0;
        out.highs[i] = 0;
    }

    private static void keys(Object n, Vector out, int i) {
        if (n instanceof Map<?, ?> m) {
            int at = out.startList(i, m.size());
            for (Object k : m.keySet()) out.child().setString(at++, (String) k);
        } else {
            out.startList(i, 0);
        }
    }

    /** A kernel applying {@code action} to each row's whole document. */
    private static ScalarKernel onNode(NodeAction action) {
        return (args, count, result) -> {
            Vector doc = args[0];
            for (int i = 0; i < count; i++) {
                if (doc.isNull(i)) {
                    result.setNull(i);
                    continue;
                }
                action.apply(JsonTree.parse(doc.getString(i)), result, i);
            }
        };
    }

    /** A kernel applying {@code action} to the node each row's path selects; NULL where it selects none. */
    private static ScalarKernel onPath(NodeAction action) {
        return onPath(action, false);
    }

    /** As {@link #onPath(NodeAction)}; {@code pathIsData}: the paths are column values, so a bad one is an Invalid Input Error. */
    private static ScalarKernel onPath(NodeAction action, boolean pathIsData) {
        return (args, count, result) -> {
            Vector doc = args[0];
            Vector path = args[1];
            PathCache cache = new PathCache(pathIsData);
            for (int i = 0; i < count; i++) {
                if (doc.isNull(i) || path.isNull(i)) {
                    result.setNull(i);
                    continue;
                }
                Object n = cache.get(path.getString(i)).find(JsonTree.parse(doc.getString(i)));
                if (n == null) result.setNull(i);
                else action.apply(n, result, i);
            }
        };
    }

    /** What a list-of-paths function puts where a path selects nothing (null: a NULL element). */
    @FunctionalInterface
    private interface MissingAction {
        void apply(Vector out, int row);
    }

    /**
     * A kernel for a list of paths: one element per path, {@code action} on the node it selects,
     * {@code missing} (or NULL) where it selects none; a NULL path gives a NULL element.
     */
    private static ScalarKernel onPaths(NodeAction action, MissingAction missing) {
        return (args, count, result) -> {
            Vector doc = args[0];
            Vector paths = args[1];
            Vector el = paths.child();
            PathCache cache = new PathCache();
            for (int i = 0; i < count; i++) {
                if (doc.isNull(i) || paths.isNull(i)) {
                    result.setNull(i);
                    continue;
                }
                Object root = JsonTree.parse(doc.getString(i));
                int n = paths.lengths[i];
                int at = result.startList(i, n);
                Vector out = result.child();
                for (int k = 0; k < n; k++) {
                    int p = paths.offsets[i] + k;
                    Object node = el.isNull(p) ? null : cache.get(el.getString(p)).find(root);
                    if (node != null) action.apply(node, out, at + k);
                    else if (missing != null && !el.isNull(p)) missing.apply(out, at + k);
                    else out.setNull(at + k);
                }
            }
        };
    }

    /** The last path parsed: paths are nearly always constant. */
    private static final class PathCache {
        final boolean pathIsData;
        String text;
        JsonPath path;

        PathCache() {
            this(false);
        }

        PathCache(boolean pathIsData) {
            this.pathIsData = pathIsData;
        }

        JsonPath get(String s) {
            if (!s.equals(text)) {
                JsonPath p;
                try {
                    p = JsonPath.parse(s);
                } catch (io.tealdb.error.BinderException e) {
                    if (pathIsData) throw new io.tealdb.error.InvalidInputException(e.getMessage());
                    throw e;
                }
                if (p.hasWildcard()) {
                    if (pathIsData) {
                        throw new io.tealdb.error.InvalidInputException("JSON path wildcards are only supported in a constant path: " + s);
                    }
                    throw new io.tealdb.error.BinderException("JSON path wildcards are not supported here (only in json_extract with one constant path): " + s);
                }
                path = p;
                text = s;
            }
            return path;
        }
    }

    private static ScalarKernel extract(boolean asText) {
        return onPath((n, out, i) -> setExtracted(n, out, i, asText));
    }

    private static ScalarKernel extractIndex(boolean asText) {
        return (args, count, result) -> {
            Vector doc = args[0];
            Vector idx = args[1];
            for (int i = 0; i < count; i++) {
                if (doc.isNull(i) || idx.isNull(i)) {
                    result.setNull(i);
                    continue;
                }
                Object n = JsonPath.index(idx.longs[i]).find(JsonTree.parse(doc.getString(i)));
                if (n == null) result.setNull(i);
                else setExtracted(n, result, i, asText);
            }
        };
    }

    private static ScalarKernel extractMany(boolean asText) {
        return onPaths((n, out, i) -> setExtracted(n, out, i, asText), null);
    }

    /** A selected node as JSON text, or for ->> a string's contents (NULL for JSON null). */
    private static void setExtracted(Object n, Vector out, int i, boolean asText) {
        if (asText) {
            if (n instanceof String s) out.setString(i, s);
            else if (n == JsonNull.INSTANCE) out.setNull(i);
            else out.setString(i, JsonTree.write(n));
        } else {
            out.setString(i, JsonTree.write(n));
        }
    }
}
