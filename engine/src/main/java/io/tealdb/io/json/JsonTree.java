package io.tealdb.io.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.tealdb.error.ConversionException;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON documents as small Java trees, parsed and written with Jackson's streaming parser and
 * generator: an object is a {@code LinkedHashMap<String, Object>} (key order kept; a repeated key's
 * last value wins), an array a {@code List<Object>}, a string a {@link String}, a number a
 * {@link JsonNumber}, true/false a {@link Boolean}, null {@link JsonNull#INSTANCE}. The JSON
 * functions work on these trees; the JSON reader streams and does not build them for whole files.
 */
public final class JsonTree {
    /** Shared and thread-safe once configured; nesting is limited as DuckDB limits it (1000 levels). */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            // yyjson (DuckDB's parser) reads NaN and Infinity as numbers
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // and a comma before a closing bracket or brace
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA)
            // Double.parseDouble's results (correctly rounded), without a String per number
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000)
                    .maxStringLength(Integer.MAX_VALUE).maxNumberLength(100_000).build())
            .build();

    private JsonTree() {
    }

    /** Parses one JSON document; malformed text is DuckDB's "Malformed JSON" conversion error. */
    public static Object parse(String text) {
        try {
            return parseStrict(text);
        } catch (ConversionException e) {
            // yyjson also reads nan, inf and infinity in any case; Jackson only NaN and Infinity
            String lenient = nonFiniteSpelledForJackson(text);
            if (lenient == null) throw e;
            try {
                return parseStrict(lenient);
            } catch (ConversionException again) {
                throw e;
            }
        }
    }

    /**
     * {@code text} with the bare words nan, inf and infinity (any case, outside strings) written as
     * Jackson reads them, or null when it has none.
     */
    static String nonFiniteSpelledForJackson(String text) {
        StringBuilder out = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < n && text.charAt(j) != '"') j += text.charAt(j) == '\\' ? 2 : 1;
                if (out != null) out.append(text, i, Math.min(j + 1, n));
                i = j + 1;
                continue;
            }
            if (Character.isLetter(c)) {
                int j = i;
                while (j < n && Character.isLetter(text.charAt(j))) j++;
                String word = text.substring(i, j).toLowerCase(java.util.Locale.ROOT);
                String replaced = switch (word) {
                    case "nan" -> "NaN";
                    case "inf", "infinity" -> "Infinity";
                    default -> null;
                };
                if (replaced != null && !replaced.equals(text.substring(i, j))) {
                    if (out == null) out = new StringBuilder(n + 8).append(text, 0, i);
                    out.append(replaced);
                } else if (out != null) {
                    out.append(text, i, j);
                }
                i = j;
                continue;
            }
            if (out != null) out.append(c);
            i++;
        }
        return out == null ? null : out.toString();
    }

    private static Object parseStrict(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) throw malformed(text, "input is empty");
            Object v = read(p, t);
            if (p.nextToken() != null) throw malformed(text, "unexpected content after document");
            return v;
        } catch (IOException e) {
            throw malformed(text, e.getMessage());
        }
    }

    /** Parses text, or null when it is not one valid JSON document. */
    public static Object tryParse(String text) {
        try {
            return parse(text);
        } catch (ConversionException e) {
            return null;
        }
    }

    private static ConversionException malformed(String text, String why) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        String reason = why == null ? "" : why.lines().findFirst().orElse("");
        return new ConversionException("Malformed JSON: " + reason + ". Input: \"" + shown + "\"");
    }

    /** The value starting at the current token {@code t} of {@code p}. */
    public static Object read(JsonParser p, JsonToken t) throws IOException {
        return read(p, t, false);
    }

    /**
     * As {@link #read(JsonParser, JsonToken)}, but an object with a repeated key is an error (a
     * {@link JsonParseException} "Duplicate field 'k'"), as records read from files are in DuckDB.
     * Cheaper than the parser's own duplicate detection, which keeps a hash set per object.
     */
    public static Object readStrict(JsonParser p, JsonToken t) throws IOException {
        return read(p, t, true);
    }

    /** The error a repeated key in a record raises. */
    public static JsonParseException duplicateKey(JsonParser p, String name) {
        return new JsonParseException(p, "Duplicate field '" + name + "'");
    }

    private static Object read(JsonParser p, JsonToken t, boolean strict) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                LinkedHashMap<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    // values are never null (JSON null is JsonNull.INSTANCE): a non-null previous value is a repeat
                    if (m.put(name, read(p, p.nextToken(), strict)) != null && strict) throw duplicateKey(p, name);
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) l.add(read(p, e, strict));
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return new JsonNumber(p.getText(), true);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new JsonNumber(p.getText(), false);
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return JsonNull.INSTANCE;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }

    /** The minified JSON text of a tree. */
    public static String write(Object node) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(g, node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    @SuppressWarnings("unchecked")
    public static void write(JsonGenerator g, Object node) throws IOException {
        switch (node) {
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object e : l) write(g, e);
                g.writeEndArray();
            }
            case String s -> g.writeString(s);
            case JsonNumber n -> g.writeNumber(n.text());
            case Boolean b -> g.writeBoolean(b);
            case JsonNull n -> g.writeNull();
            default -> throw new IllegalStateException("not a JSON tree node: " + node.getClass());
        }
    }

    /**
     * DuckDB's json_type name of a node: OBJECT, ARRAY, VARCHAR, BOOLEAN, NULL, or for numbers
     * UBIGINT (a non-negative integer within 64 bits), BIGINT (a negative one), else DOUBLE.
     */
    public static String typeName(Object node) {
        return switch (node) {
            case Map<?, ?> m -> "OBJECT";
            case List<?> l -> "ARRAY";
            case String s -> "VARCHAR";
            case Boolean b -> "BOOLEAN";
            case JsonNull n -> "NULL";
            case JsonNumber n -> numberType(n);
            default -> throw new IllegalStateException();
        };
    }

    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    static String numberType(JsonNumber n) {
        if (!n.integral()) return "DOUBLE";
        String t = n.text();
        if (t.length() < 19) return t.startsWith("-") ? "BIGINT" : "UBIGINT";
        BigInteger v = new BigInteger(t);
        if (v.signum() < 0) return v.bitLength() < 64 ? "BIGINT" : "DOUBLE";
        return v.compareTo(U64_MAX) <= 0 ? "UBIGINT" : "DOUBLE";
    }

    /**
     * DuckDB's json_structure: scalars become their type name, arrays the merged structure of
     * their elements (["NULL"] when empty), objects their keys' structures.
     */
    public static Object structure(Object node) {
        return emptyObjectsAsJson(rawStructure(node));
    }

    /**
     * An empty object has no structure of its own: it gives way to any other structure it is
     * merged with, and is "JSON" where it stays alone (DuckDB: no empty STRUCT).
     */
    private static Object emptyObjectsAsJson(Object s) {
        if (s instanceof Map<?, ?> m) {
            if (m.isEmpty()) return "JSON";
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put((String) e.getKey(), emptyObjectsAsJson(e.getValue()));
            return out;
        }
        if (s instanceof List<?> l) {
            List<Object> out = new ArrayList<>(1);
            out.add(emptyObjectsAsJson(l.get(0)));
            return out;
        }
        return s;
    }

    private static Object rawStructure(Object node) {
        return switch (node) {
            case Map<?, ?> m -> {
                LinkedHashMap<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) out.put((String) e.getKey(), rawStructure(e.getValue()));
                yield out;
            }
            case List<?> l -> {
                Object merged = "NULL";
                for (Object e : l) merged = merge(merged, rawStructure(e));
                List<Object> out = new ArrayList<>(1);
                out.add(merged);
                yield out;
            }
            default -> typeName(node);
        };
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object a, Object b) {
        if ("NULL".equals(a) || (a instanceof Map<?, ?> ma0 && ma0.isEmpty())) return b;
        if ("NULL".equals(b) || (b instanceof Map<?, ?> mb0 && mb0.isEmpty())) return a;
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>((Map<String, Object>) ma);
            for (Map.Entry<?, ?> e : mb.entrySet()) {
                Object prev = out.get((String) e.getKey());
                out.put((String) e.getKey(), prev == null ? e.getValue() : merge(prev, e.getValue()));
            }
            return out;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            List<Object> out = new ArrayList<>(1);
            out.add(merge(la.get(0), lb.get(0)));
            return out;
        }
        if (a instanceof String sa && b instanceof String sb) {
            if (sa.equals(sb)) return sa;
            if (isNumeric(sa) && isNumeric(sb)) {
                if (sa.equals("DOUBLE") || sb.equals("DOUBLE")) return "DOUBLE";
                return "HUGEINT"; // UBIGINT with BIGINT: the type holding both (DuckDB's rule)
            }
        }
        return "JSON";
    }

    private static boolean isNumeric(String t) {
        return t.equals("UBIGINT") || t.equals("BIGINT") || t.equals("HUGEINT") || t.equals("DOUBLE");
    }
}
