package io.tealdb.function.cast;

import io.tealdb.error.ConversionException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.io.json.JsonNull;
import io.tealdb.io.json.JsonNumber;
import io.tealdb.io.json.JsonTree;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.TypeId;
import io.tealdb.types.Value;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Casts to and from JSON as DuckDB has them: VARCHAR → JSON checks the text is JSON (and keeps it
 * as written), JSON → VARCHAR keeps the text, any other type → JSON writes the value as to_json
 * does, JSON → LIST/STRUCT/MAP reads the document into the nested value (each leaf cast from its
 * JSON text), JSON → another scalar type casts the text.
 */
public final class JsonCasts {
    private JsonCasts() {
    }

    /** The kernel for a cast with JSON on one side; null when it is none of these. */
    static ScalarKernel kernel(LogicalType from, LogicalType to, boolean tryCast, java.time.ZoneId zone) {
        TypeId f = from.id();
        TypeId t = to.id();
        if (f == TypeId.JSON && t == TypeId.VARCHAR) return Casts::copy;
        if (t == TypeId.JSON && f == TypeId.VARCHAR) {
            return (args, count, result) -> {
                Vector in = args[0];
                for (int i = 0; i < count; i++) {
                    if (in.isNull(i)) {
                        result.setNull(i);
                        continue;
                    }
                    String s = in.getString(i);
                    if (JsonTree.tryParse(s) == null) {
                        if (!tryCast) JsonTree.parse(s); // throws DuckDB's "Malformed JSON" error
                        result.setNull(i);
                    } else {
                        result.setString(i, s);
                    }
                }
            };
        }
        if (t == TypeId.JSON) {
            return (args, count, result) -> {
                Vector in = args[0];
                for (int i = 0; i < count; i++) {
                    if (in.isNull(i)) {
                        result.setNull(i);
                        continue;
                    }
                    int row = i;
                    result.setString(i, JsonValueWriter.toJson(g -> JsonValueWriter.writeValue(g, in, row)));
                }
            };
        }
        if (f == TypeId.JSON && to.isNested()) {
            return RowCast.kernel((in, i, out) -> out.setObject(i, convert(JsonTree.parse(in.getString(i)), to)), tryCast);
        }
        if (f == TypeId.JSON) {
            ScalarKernel viaText = Casts.kernel(LogicalType.VARCHAR, to, tryCast, zone);
            return viaText;
        }
        return null;
    }

    /** A JSON tree node as the canonical Java value of {@code type} (see Vector#setObject). */
    public static Object convert(Object node, LogicalType type) {
        if (node == null || node == JsonNull.INSTANCE) return null;
        switch (type.id()) {
            case LIST, ARRAY -> {
                if (!(node instanceof List<?> l)) throw mismatch(node, type);
                if (type.id() == TypeId.ARRAY && l.size() != type.arraySize()) {
                    throw new ConversionException("Cannot cast JSON array of " + l.size() + " elements to " + type);
                }
                List<Object> out = new ArrayList<>(l.size());
                for (Object e : l) out.add(convert(e, type.childType()));
                return out;
            }
            case STRUCT -> {
                if (!(node instanceof Map<?, ?> m)) throw mismatch(node, type);
                Map<String, Object> out = new LinkedHashMap<>();
                for (TypeField fld : type.children()) {
                    Object v = null;
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (((String) e.getKey()).equalsIgnoreCase(fld.name())) {
                            v = e.getValue();
                            break;
                        }
                    }
                    out.put(fld.name(), convert(v, fld.type()));
                }
                return out;
            }
            case MAP -> {
                if (!(node instanceof Map<?, ?> m)) throw mismatch(node, type);
                List<Object> pairs = new ArrayList<>(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    pairs.add(java.util.Arrays.asList(convert(e.getKey(), type.mapKey()), convert(e.getValue(), type.mapValue())));
                }
                return pairs;
            }
            case JSON -> {
                return JsonTree.write(node);
            }
            default -> {
                // the common leaves directly, without a cast through text (the JSON reader's hot path)
                switch (type.id()) {
                    case BIGINT -> {
                        if (node instanceof JsonNumber n && n.integral() && n.text().length() < 19) return Long.parseLong(n.text());
                    }
                    case DOUBLE -> {
                        if (node instanceof JsonNumber n) return Double.parseDouble(n.text());
                    }
                    case BOOLEAN -> {
                        if (node instanceof Boolean b) return b;
                    }
                    case DATE -> {
                        if (node instanceof String s) {
                            long d = io.tealdb.types.DateTimeUtil.parseDate(s);
                            if (d != io.tealdb.types.DateTimeUtil.INVALID) return (int) d;
                        }
                    }
                    default -> {
                    }
                }
                String text = switch (node) {
                    case String s -> s;
                    case JsonNumber n -> n.text();
                    case Boolean b -> b.toString();
                    default -> JsonTree.write(node);
                };
                if (type.id() == TypeId.VARCHAR) return text;
                return Casts.castValue(new Value(LogicalType.VARCHAR, text), type, false).object();
            }
        }
    }

    private static ConversionException mismatch(Object node, LogicalType type) {
        return new ConversionException("Cannot cast JSON " + JsonTree.typeName(node) + " " + JsonTree.write(node) + " to " + type);
    }
}
