package io.tealdb.server.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses ClickHouse type spellings structurally (any whitespace, nested types, named tuples, enums). */
final class ChTypeParser {
    private static final Set<String> NAMES = Set.of("UInt8", "UInt16", "UInt32", "UInt64", "UInt128", "UInt256", "Int8",
            "Int16", "Int32", "Int64", "Int128", "Int256", "Float32", "Float64", "BFloat16", "Bool", "Boolean", "String",
            "UUID", "Date", "Date32", "IPv4", "IPv6", "FixedString", "Decimal", "Decimal32", "Decimal64", "Decimal128",
            "Decimal256", "DateTime", "DateTime64", "Enum8", "Enum16", "Enum", "Nullable", "LowCardinality", "Array", "Map",
            "Tuple", "Nothing", "JSON", "Object", "SimpleAggregateFunction", "Nested");

    private final String s;
    private int pos;

    private ChTypeParser(String s) {
        this.s = s;
    }

    static boolean isTypeName(String word) {
        return NAMES.contains(word);
    }

    static ChType parse(String text) {
        ChTypeParser p = new ChTypeParser(text);
        ChType t = p.type();
        p.ws();
        if (p.pos != p.s.length()) throw p.error();
        return t;
    }

    private ChException error() {
        return new ChException(50, "UNKNOWN_TYPE", "Unknown or malformed data type '" + s + "'");
    }

    private void ws() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    private boolean eat(char c) {
        ws();
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!eat(c)) throw error();
    }

    private String word() {
        ws();
        int start = pos;
        if (pos < s.length() && (s.charAt(pos) == '`' || s.charAt(pos) == '"')) {
            char q = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != q) {
                if (s.charAt(pos) == '\\' && pos + 1 < s.length()) pos++;
                sb.append(s.charAt(pos++));
            }
            if (pos >= s.length()) throw error();
            pos++;
            return sb.toString();
        }
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
        if (start == pos) throw error();
        return s.substring(start, pos);
    }

    private int number() {
        ws();
        int start = pos;
        if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) pos++;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
        try {
            return Integer.parseInt(s.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error();
        }
    }

    private String string() {
        ws();
        if (pos >= s.length() || s.charAt(pos) != '\'') throw error();
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < s.length() && s.charAt(pos) != '\'') {
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length()) c = ChText.unescape(s.charAt(pos++));
            sb.append(c);
        }
        if (pos >= s.length()) throw error();
        pos++;
        return sb.toString();
    }

    private ChType type() {
        String w = word();
        String canon = canonical(w);
        switch (canon) {
            case "Nullable" -> {
                expect('(');
                ChType t = type();
                expect(')');
                return new ChType.Nullable(t);
            }
            case "LowCardinality" -> {
                expect('(');
                ChType t = type();
                expect(')');
                return new ChType.LowCardinality(t);
            }
            case "Array" -> {
                expect('(');
                ChType t = type();
                expect(')');
                return new ChType.Array(t);
            }
            case "Map" -> {
                expect('(');
                ChType k = type();
                expect(',');
                ChType v = type();
                expect(')');
                return new ChType.Map(k, v);
            }
            case "Tuple", "Nested" -> {
                expect('(');
                List<String> names = new ArrayList<>();
                List<ChType> types = new ArrayList<>();
                boolean named = false;
                do {
                    int save = pos;
                    String first = word();
                    ws();
                    // "name Type" when another word follows (not a '(' or ',' or ')')
                    if (pos < s.length() && (Character.isLetter(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '`')) {
                        names.add(first);
                        named = true;
                        types.add(type());
                    } else {
                        pos = save;
                        names.add(null);
                        types.add(type());
                    }
                } while (eat(','));
                expect(')');
                ChType.Tuple t = new ChType.Tuple(named ? names : null, types);
                return canon.equals("Nested") ? new ChType.Array(t) : t;
            }
            case "FixedString" -> {
                expect('(');
                int n = number();
                expect(')');
                return new ChType.FixedString(n);
            }
            case "Decimal" -> {
                int p = 10, sc = 0;
                if (eat('(')) {
                    p = number();
                    if (eat(',')) sc = number();
                    expect(')');
                }
                return new ChType.Decimal(p, sc);
            }
            case "Decimal32", "Decimal64", "Decimal128", "Decimal256" -> {
                expect('(');
                int sc = number();
                expect(')');
                int p = switch (canon) {
                    case "Decimal32" -> 9;
                    case "Decimal64" -> 18;
                    case "Decimal128" -> 38;
                    default -> 76;
                };
                return new ChType.Decimal(p, sc);
            }
            case "DateTime" -> {
                String zone = null;
                if (eat('(')) {
                    if (!eat(')')) {
                        zone = string();
                        expect(')');
                    }
                }
                return new ChType.DateTime(zone);
            }
            case "DateTime64" -> {
                expect('(');
                int p = number();
                String zone = null;
                if (eat(',')) zone = string();
                expect(')');
                return new ChType.DateTime64(p, zone);
            }
            case "Enum8", "Enum16", "Enum" -> {
                expect('(');
                List<String> names = new ArrayList<>();
                List<Integer> values = new ArrayList<>();
                int next = 1;
                do {
                    String label = string();
                    if (names.contains(label)) throw new ChException(36, "BAD_ARGUMENTS", "Duplicate name '" + label + "' in enum " + s);
                    names.add(label);
                    if (eat('=')) next = number();
                    values.add(next++);
                } while (eat(','));
                expect(')');
                int bits = canon.equals("Enum16") ? 16 : canon.equals("Enum8") ? 8 : (names.size() > 127 ? 16 : 8);
                return new ChType.Enum(bits, names, values);
            }
            case "SimpleAggregateFunction" -> {
                expect('(');
                word();
                expect(',');
                ChType t = type();
                expect(')');
                return t;
            }
            case "Nothing" -> {
                return new ChType.Nothing();
            }
            case "JSON", "Object" -> {
                if (eat('(')) {
                    int depth = 1;
                    while (pos < s.length() && depth > 0) {
                        char c = s.charAt(pos++);
                        if (c == '(') depth++;
                        else if (c == ')') depth--;
                    }
                }
                return new ChType.Scalar(ChType.Kind.String);
            }
            default -> {
                try {
                    return new ChType.Scalar(ChType.Kind.valueOf(canon));
                } catch (IllegalArgumentException e) {
                    throw new ChException(50, "UNKNOWN_TYPE", "Unknown data type family: " + w);
                }
            }
        }
    }

    /** Case-insensitive SQL aliases ClickHouse accepts in DDL (INT, BIGINT, VARCHAR, …) onto ClickHouse names. */
    static String canonical(String w) {
        if (NAMES.contains(w)) return w.equals("Boolean") ? "Bool" : w;
        return switch (w.toUpperCase(Locale.ROOT)) {
            case "TINYINT", "INT1", "BYTE", "INT8" -> "Int8";
            case "SMALLINT", "INT2", "INT16" -> "Int16";
            case "INT", "INTEGER", "INT4", "MEDIUMINT", "INT32" -> "Int32";
            case "BIGINT", "INT64", "INT8_" -> "Int64";
            case "UTINYINT" -> "UInt8";
            case "USMALLINT" -> "UInt16";
            case "UINTEGER", "UINT" -> "UInt32";
            case "UBIGINT" -> "UInt64";
            case "HUGEINT" -> "Int128";
            case "UHUGEINT" -> "UInt128";
            case "FLOAT", "REAL", "SINGLE", "FLOAT32" -> "Float32";
            case "DOUBLE", "FLOAT64" -> "Float64";
            case "VARCHAR", "TEXT", "CHAR", "STRING", "BLOB", "BYTEA", "CLOB", "LONGTEXT", "TINYTEXT", "MEDIUMTEXT", "NVARCHAR", "VARBINARY", "BINARY" -> "String";
            case "BOOL", "BOOLEAN" -> "Bool";
            case "TIMESTAMP" -> "DateTime";
            case "DATE" -> "Date";
            case "DATETIME" -> "DateTime";
            case "DATETIME64" -> "DateTime64";
            case "DECIMAL", "NUMERIC", "DEC" -> "Decimal";
            case "UUID" -> "UUID";
            case "NULLABLE" -> "Nullable";
            case "ARRAY" -> "Array";
            case "MAP" -> "Map";
            case "TUPLE" -> "Tuple";
            default -> w;
        };
    }
}
