package io.tealdb.server.clickhouse;

/**
 * Server-side query parameters: {@code {name:Type}} in the SQL takes its value from the URL param
 * {@code param_name}, written as ClickHouse's escaped text of the type ({@code \N} = NULL, containers
 * as literals, DateTime as text or Unix seconds). The value becomes a typed TealDB literal.
 */
final class ChParams {
    private ChParams() {
    }

    static String literal(ChType t, String value, String name) {
        ChType base = ChType.base(t);
        String sqlType = ChType.sql(base.logical());
        switch (base) {
            case ChType.Array a -> {
                return containerLiteral(value, sqlType, name);
            }
            case ChType.Map m -> {
                return containerLiteral(value, sqlType, name);
            }
            case ChType.Tuple tu -> {
                return containerLiteral(value, sqlType, name);
            }
            case ChType.DateTime d -> {
                return dateTime(value, sqlType);
            }
            case ChType.DateTime64 d -> {
                return dateTime(value, sqlType);
            }
            case ChType.Scalar s when s.kind() == ChType.Kind.Bool -> {
                String v = value.strip();
                return v.equals("1") || v.equalsIgnoreCase("true") ? "TRUE" : v.equals("0") || v.equalsIgnoreCase("false") ? "FALSE"
                        : bad(name, value, t);
            }
            default -> {
                return "CAST(" + ChDialect.quoteStr(unescape(value)) + " AS " + sqlType + ")";
            }
        }
    }

    private static String bad(String name, String value, ChType t) {
        throw new ChException(457, "BAD_QUERY_PARAMETER", "Value " + value + " cannot be parsed as " + t.name() + " for query parameter '" + name + "'");
    }

    private static String dateTime(String value, String sqlType) {
        String v = value.strip();
        if (v.matches("-?\\d+(\\.\\d+)?")) return "CAST(to_timestamp(" + v + ") AS " + sqlType + ")";
        return "CAST(" + ChDialect.quoteStr(unescape(v)) + " AS " + sqlType + ")";
    }

    /** A ClickHouse container literal ({@code ['a','b']}, {@code {'k':1}}, {@code (1,'x')}) as TealDB SQL. */
    private static String containerLiteral(String value, String sqlType, String name) {
        java.util.List<ChLexer.Tok> toks = ChLexer.lex(value, false);
        StringBuilder sb = new StringBuilder("CAST(");
        for (ChLexer.Tok tok : toks) {
            switch (tok.kind()) {
                case STR -> sb.append(ChDialect.quoteStr(tok.text()));
                case NUM -> sb.append(tok.text());
                case WORD -> {
                    String w = tok.text().toUpperCase(java.util.Locale.ROOT);
                    if (!(w.equals("NULL") || w.equals("TRUE") || w.equals("FALSE"))) {
                        throw new ChException(457, "BAD_QUERY_PARAMETER", "Cannot parse '" + value + "' for query parameter '" + name + "'");
                    }
                    sb.append(w);
                }
                case OP -> {
                    String o = tok.text();
                    if (o.equals("(")) sb.append("row(");
                    else if (o.equals("{")) sb.append("MAP {");
                    else if (o.equals("-") || o.equals("[") || o.equals("]") || o.equals(")") || o.equals(",") || o.equals("}") || o.equals(":")) sb.append(o);
                    else throw new ChException(457, "BAD_QUERY_PARAMETER", "Cannot parse '" + value + "' for query parameter '" + name + "'");
                }
                default -> throw new ChException(457, "BAD_QUERY_PARAMETER", "Cannot parse '" + value + "' for query parameter '" + name + "'");
            }
        }
        return sb.append(" AS ").append(sqlType).append(')').toString();
    }

    /** TSV escapes of a parameter value. */
    static String unescape(String v) {
        if (v.indexOf('\\') < 0) return v;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) sb.append(ChText.unescape(v.charAt(++i)));
            else sb.append(c);
        }
        return sb.toString();
    }
}
