package io.tealdb.server.clickhouse;

import io.tealdb.server.clickhouse.ChLexer.Kind;
import io.tealdb.server.clickhouse.ChLexer.Tok;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates ClickHouse SQL expressions and queries into TealDB SQL, token by token: quoted
 * identifiers and strings into standard quoting, ClickHouse type names (in CAST and {@code ::})
 * into TealDB types, {@code {name:Type}} parameters into typed literals, {@code system.*} tables
 * and {@code numbers(N)} into queries over TealDB's catalog, the database {@code default} into the
 * schema {@code main}, and ClickHouse function names (countIf, argMax, toStartOfDay, quantile(0.9)(x),
 * …) into TealDB's functions.
 */
final class ChDialect {
    private final List<Tok> toks;
    private final int[] match;
    private final String text;
    private final Map<String, String> params;
    private final String database;
    private final String user;

    ChDialect(String text, List<Tok> toks, Map<String, String> params, String database, String user) {
        this.text = text;
        this.toks = toks;
        this.params = params;
        this.database = database;
        this.user = user;
        this.match = new int[toks.size()];
        java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
        for (int i = 0; i < toks.size(); i++) {
            match[i] = -1;
            Tok t = toks.get(i);
            if (t.op("(") || t.op("[")) stack.push(i);
            else if (t.op(")") || t.op("]")) {
                if (stack.isEmpty()) throw ChException.syntax("Unmatched '" + t.text() + "'");
                int o = stack.pop();
                match[o] = i;
                match[i] = o;
            }
        }
        if (!stack.isEmpty()) throw ChException.syntax("Unmatched '" + toks.get(stack.peek()).text() + "'");
    }

    int match(int i) {
        return match[i];
    }

    /** Lower-case column name → its declared zoned DateTime/DateTime64 type, for the tables the statement reads (see {@link #withZones}). */
    private Map<String, ChType> zonedColumns = Map.of();

    /**
     * The zoned DateTime columns of the statement's tables: date functions of such a column ({@code toString},
     * {@code formatDateTime}, {@code toHour}, {@code toStartOfDay}, …) work in the column's zone, as in ClickHouse.
     */
    ChDialect withZones(Map<String, ChType> zoned) {
        this.zonedColumns = zoned;
        return this;
    }

    /** Where a ClickHouse date function takes its optional time-zone argument, or -1 for functions without one. */
    private static int zoneArgument(String name) {
        return switch (name) {
            case "toString", "toYear", "toMonth", "toQuarter", "toDayOfMonth", "toDayOfWeek", "toDayOfYear", "toHour", "toMinute",
                 "toSecond", "toDate", "toDate32", "toStartOfDay", "toStartOfHour", "toStartOfMinute", "toStartOfSecond",
                 "toStartOfFiveMinutes", "toStartOfFiveMinute", "toStartOfTenMinutes", "toStartOfFifteenMinutes", "toStartOfMonth",
                 "toStartOfQuarter", "toStartOfYear", "toMonday", "toStartOfWeek", "toYYYYMM", "toYYYYMMDD" -> 1;
            case "formatDateTime", "formatDateTimeInJodaSyntax", "toStartOfInterval" -> 2;
            default -> -1;
        };
    }

    /** The declared zoned type of the column {@code [from, to)} names ({@code c} or {@code t.c}), or null. */
    private ChType zonedColumn(int from, int to) {
        if (zonedColumns.isEmpty()) return null;
        int last = to - 1;
        boolean plain = to - from == 1 || to - from == 3 && toks.get(from + 1).op(".");
        if (!plain || !toks.get(last).isName()) return null;
        return zonedColumns.get(toks.get(last).text().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The zoned DateTime type of the expression [from, to), or null: a zoned column, or a call that carries a
     * zone to its result as ClickHouse types it: {@code toTimeZone(x, 'tz')}, {@code toDateTime(x, 'tz')},
     * {@code toDateTime64(x, p, 'tz')} (DateTime('tz') / DateTime64(p, 'tz')), and {@code toStartOfDay},
     * {@code toStartOfHour} … {@code toStartOfInterval} of a zoned value or with a zone argument (a DateTime in
     * that zone).
     */
    private ChType zoneType(int from, int to) {
        ChType col = zonedColumn(from, to);
        if (col != null) return col;
        if (to - from >= 2 && toks.get(from).op("(") && match[from] == to - 1) return zoneType(from + 1, to - 1);
        if (to - from < 3 || toks.get(from).kind() != Kind.WORD || !toks.get(from + 1).op("(") || match[from + 1] != to - 1) return null;
        String name = toks.get(from).text();
        List<int[]> args = args(from + 2, to - 1);
        int n = args.size();
        String zone = n >= 2 && isString(args.get(n - 1)) ? toks.get(args.get(n - 1)[0]).text() : null;
        switch (name) {
            case "toTimeZone", "toTimezone" -> {
                if (n != 2 || zone == null) return null;
                ChType inner = zoneType(args.get(0)[0], args.get(0)[1]);
                return inner instanceof ChType.DateTime64 d && d.precision() <= 6 ? new ChType.DateTime64(d.precision(), zone) : new ChType.DateTime(zone);
            }
            case "toDateTime", "toDateTime32" -> {
                return n == 2 && zone != null ? new ChType.DateTime(zone) : null;
            }
            case "toDateTime64" -> {
                if (n != 3 || zone == null || toks.get(args.get(1)[0]).kind() != Kind.NUM || args.get(1)[1] != args.get(1)[0] + 1) return null;
                int p = Integer.parseInt(toks.get(args.get(1)[0]).text());
                return p <= 6 ? new ChType.DateTime64(p, zone) : null;
            }
            default -> {
                if (!startsAnInstant(name)) return null;
                int zoneAt = zoneArgument(name);
                if (n == zoneAt + 1 && zone != null) return new ChType.DateTime(zone);
                if (n != zoneAt) return null;
                String z = zoneOf(zoneType(args.get(0)[0], args.get(0)[1]));
                return z == null ? null : new ChType.DateTime(z);
            }
        }
    }

    /** toStartOf… functions whose result is a DateTime (an instant in the argument's zone), not a Date. */
    private static boolean startsAnInstant(String name) {
        return switch (name) {
            case "toStartOfDay", "toStartOfHour", "toStartOfMinute", "toStartOfSecond", "toStartOfFiveMinutes", "toStartOfFiveMinute",
                 "toStartOfTenMinutes", "toStartOfFifteenMinutes", "toStartOfInterval" -> true;
            default -> false;
        };
    }

    private static String zoneOf(ChType t) {
        return t instanceof ChType.DateTime d ? d.zone() : t instanceof ChType.DateTime64 d ? d.zone() : null;
    }

    private boolean isString(int[] r) {
        return r[1] == r[0] + 1 && toks.get(r[0]).kind() == Kind.STR;
    }

    /** Lower-case output column name → the zoned type of the select item that produces it (see {@link #outputTypes}). */
    private final Map<String, ChType> outputTypes = new java.util.HashMap<>();

    /**
     * The ClickHouse types of result columns computed by zone-carrying expressions ({@code toTimeZone(ts, 'tz')
     * AS local}, or such an item without an alias, which gets its ClickHouse text as its name), by lower-case
     * name: the result header reports DateTime('tz'), and clients show the values in that zone.
     */
    Map<String, ChType> outputTypes() {
        return outputTypes;
    }

    /**
     * ClickHouse's text of a DateTime64(p) (p fraction digits) or DateTime value {@code raw}, whose local time
     * is {@code local}. Beyond microseconds (stored as UTC nanoseconds) the digits come from the stored value's
     * own text, since the zone conversion keeps microseconds.
     */
    private static String localText(String local, String raw, int precision) {
        String seconds = "strftime(" + local + ", '%Y-%m-%d %H:%M:%S')";
        if (precision <= 0) return seconds;
        if (precision <= 6) return "left(strftime(" + local + ", '%Y-%m-%d %H:%M:%S.%f'), " + (20 + precision) + ")";
        return "(" + seconds + " || '.' || left(rpad(split_part(CAST(" + raw + " AS VARCHAR), '.', 2), " + precision + ", '0'), "
                + precision + "))";
    }

    /** TealDB SQL for tokens [from, to). */
    String emit(int from, int to) {
        StringBuilder sb = new StringBuilder();
        int i = from;
        while (i < to) {
            Tok t = toks.get(i);
            String piece;
            int next = i + 1;
            if (t.kind() == Kind.WORD && i + 1 < to && toks.get(i + 1).op("(") && match[i + 1] > 0 && !precededByDot(i)) {
                int close = match[i + 1];
                int after = close + 1;
                List<int[]> params2 = null;
                // parametric aggregate: name(params)(args)
                if (after < to && toks.get(after).op("(") && match[after] > 0 && isParametric(t.text())) {
                    params2 = args(i + 2, close);
                    List<int[]> a = args(after + 1, match[after]);
                    piece = parametric(t.text(), params2, a);
                    next = match[after] + 1;
                } else {
                    piece = call(t.text(), i + 2, close);
                    next = close + 1;
                    if (from == 0 && selectList) piece += outputName(i, next, to);
                }
            } else if (t.isName() && i + 2 < to && toks.get(i + 1).op(".") && toks.get(i + 2).isName()
                    && t.text().equals("system") && !precededByDot(i)) {
                piece = ChSystemTables.query(toks.get(i + 2).text(), database);
                next = i + 3;
                if (next >= to || !(toks.get(next).isName() && !isClauseWord(toks.get(next)) || toks.get(next).is("AS"))) {
                    piece += " AS " + quoteId(toks.get(i + 2).text());
                }
            } else if (t.isName() && i + 1 < to && toks.get(i + 1).op(".") && !precededByDot(i)
                    && (t.text().equals("default") || t.kind() == Kind.QID && t.text().equals("default"))) {
                piece = "main";
            } else if (t.kind() == Kind.QID || t.is("table") && i > from && isColumnPosition(toks.get(i - 1))
                    && (i + 1 >= to || !toks.get(i + 1).isName())) {
                // `table` is a column of system.columns/parts/…: a name to ClickHouse, a keyword to TealDB
                piece = quoteId(t.text());
            } else if (t.kind() == Kind.STR) {
                piece = quoteStr(t.text());
            } else if (t.kind() == Kind.PARAM) {
                piece = param(t.text());
            } else if (t.op("::")) {
                int end = typeEnd(i + 1, to);
                piece = "::" + type(i + 1, end);
                next = end;
            } else if (t.op("==")) {
                piece = "=";
            } else if (t.op("[") && i > from && (toks.get(i - 1).isName() || toks.get(i - 1).op(")") || toks.get(i - 1).op("]"))
                    && !isClauseWord(toks.get(i - 1))) {
                // element access: ClickHouse arrays are 1-based like TealDB lists; a map lookup m['k'] works too
                piece = "[";
            } else if (t.is("GLOBAL") && i + 1 < to && (toks.get(i + 1).is("IN") || toks.get(i + 1).is("NOT") || toks.get(i + 1).is("JOIN")
                    || toks.get(i + 1).is("ANY") || toks.get(i + 1).is("LEFT") || toks.get(i + 1).is("INNER"))) {
                piece = "";
            } else if (t.is("FINAL") && i > from && (toks.get(i - 1).isName())) {
                piece = "";
            } else {
                piece = t.text();
            }
            if (from == 0 && t.kind() == Kind.WORD) {
                if (t.is("SELECT")) selectList = true;
                else if (isClauseWord(t) && !t.is("AS") && !t.is("AND") && !t.is("OR") && !t.is("NOT") && !t.is("IN")) selectList = false;
            }
            if (!piece.isEmpty()) {
                if (!sb.isEmpty() && needsSpace(sb.charAt(sb.length() - 1), piece.charAt(0))) sb.append(' ');
                sb.append(piece);
            }
            i = next;
        }
        return sb.toString();
    }

    /** While a whole statement is emitted: whether the tokens are in a SELECT list (see {@link #outputName}). */
    private boolean selectList;

    /**
     * For a select item that is the call [i, next) and carries a zone ({@link #zoneType}): records its output
     * type under its alias, or, when it has none, gives it its ClickHouse text as its name (returned, to
     * follow the call) and records that.
     */
    private String outputName(int i, int next, int to) {
        boolean starts = i > 0 && (toks.get(i - 1).is("SELECT") || toks.get(i - 1).is("DISTINCT") || toks.get(i - 1).op(","));
        if (!starts) return "";
        ChType zoned = zoneType(i, next);
        if (zoned == null) return "";
        if (next + 1 < to && toks.get(next).is("AS") && toks.get(next + 1).isName()) {
            outputTypes.put(toks.get(next + 1).text().toLowerCase(java.util.Locale.ROOT), zoned);
            return "";
        }
        boolean ends = next >= to || toks.get(next).op(",") || toks.get(next).is("FROM") || toks.get(next).is("FORMAT")
                || toks.get(next).is("SETTINGS");
        if (!ends) return "";
        String name = text.substring(toks.get(i).start(), toks.get(next - 1).end());
        outputTypes.put(name.toLowerCase(java.util.Locale.ROOT), zoned);
        return " AS " + quoteId(name);
    }

    private static boolean needsSpace(char prev, char next) {
        if (prev == '(' || prev == '[' || prev == '.' || next == ')' || next == ']' || next == ',' || next == '.') return false;
        if (prev == ':' && next == ':') return false;
        return true;
    }

    private boolean precededByDot(int i) {
        return i > 0 && toks.get(i - 1).op(".");
    }

    /** A token after which a word is a column reference (an operator, or a clause or logic keyword). */
    private static boolean isColumnPosition(Tok prev) {
        if (prev.kind() == Kind.OP) return !prev.op(".");
        return prev.is("SELECT") || prev.is("WHERE") || prev.is("AND") || prev.is("OR") || prev.is("BY") || prev.is("ON")
                || prev.is("WHEN") || prev.is("THEN") || prev.is("ELSE") || prev.is("NOT") || prev.is("DISTINCT") || prev.is("HAVING");
    }

    private static boolean isClauseWord(Tok t) {
        if (t.kind() != Kind.WORD) return false;
        return switch (t.text().toUpperCase(java.util.Locale.ROOT)) {
            case "WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "JOIN", "LEFT", "RIGHT", "INNER", "FULL", "CROSS", "UNION",
                 "ON", "USING", "SETTINGS", "FORMAT", "OFFSET", "ARRAY", "PREWHERE", "WINDOW", "QUALIFY", "INTERSECT",
                 "EXCEPT", "SAMPLE", "FINAL", "GLOBAL", "ANY", "ALL", "ASOF", "SEMI", "ANTI", "INTO", "VALUES", "SELECT", "FROM", "AND", "OR", "NOT", "IN", "AS" -> true;
            default -> false;
        };
    }

    static String quoteId(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static String quoteStr(String s) {
        return '\'' + s.replace("'", "''") + '\'';
    }

    /** Splits [from, to) at top-level commas. */
    List<int[]> args(int from, int to) {
        List<int[]> out = new ArrayList<>();
        if (from >= to) return out;
        int start = from;
        for (int i = from; i < to; i++) {
            Tok t = toks.get(i);
            if ((t.op("(") || t.op("[")) && match[i] > i) {
                i = match[i];
                continue;
            }
            if (t.op(",")) {
                out.add(new int[]{start, i});
                start = i + 1;
            }
        }
        out.add(new int[]{start, to});
        return out;
    }

    /** Where a type spelled after '::' ends: a name and its parenthesized arguments. */
    private int typeEnd(int i, int to) {
        if (i >= to) throw ChException.syntax("Expected a type after '::'");
        int j = i + 1;
        if (j < to && toks.get(j).op("(") && match[j] > 0) j = match[j] + 1;
        while (j + 1 < to && toks.get(j).op("[") && toks.get(j + 1).op("]")) j += 2;
        return j;
    }

    /** A type spelled by tokens [from, to): a ClickHouse type becomes TealDB's; other spellings pass through. */
    String type(int from, int to) {
        String raw = text.substring(toks.get(from).start(), toks.get(to - 1).end());
        return sqlType(raw);
    }

    static String sqlType(String raw) {
        try {
            return ChType.sql(ChType.parse(raw).logical());
        } catch (ChException e) {
            return raw;
        }
    }

    private String param(String spec) {
        int colon = spec.indexOf(':');
        String name = spec.substring(0, colon).strip();
        String type = spec.substring(colon + 1).strip();
        String value = params.get(name);
        if (value == null) {
            throw new ChException(456, "UNKNOWN_QUERY_PARAMETER", "Substitution `" + name + "` is not set");
        }
        if (type.equals("Identifier")) return quoteId(value);
        ChType t;
        try {
            t = ChType.parse(type);
        } catch (ChException e) {
            throw new ChException(457, "BAD_QUERY_PARAMETER", "Unknown type " + type + " of query parameter " + name);
        }
        if (value.equals("\\N")) return "CAST(NULL AS " + ChType.sql(t.logical()) + ")";
        return ChParams.literal(t, value, name);
    }

    private String a(int[] r) {
        return emit(r[0], r[1]);
    }

    private static boolean isParametric(String name) {
        return switch (name) {
            case "quantile", "quantiles", "quantileExact", "quantilesExact", "quantileTDigest", "quantileTiming", "median",
                 "quantileExactInclusive", "quantilesTDigest", "topK", "groupArraySample", "histogram" -> true;
            default -> false;
        };
    }

    private String parametric(String name, List<int[]> p, List<int[]> args) {
        String x = a(args.get(0));
        String levels;
        if (p.size() == 1) levels = a(p.get(0));
        else {
            StringBuilder sb = new StringBuilder("[");
            for (int k = 0; k < p.size(); k++) {
                if (k > 0) sb.append(", ");
                sb.append(a(p.get(k)));
            }
            levels = sb.append(']').toString();
        }
        return switch (name) {
            case "quantileExact", "quantilesExact", "quantileExactInclusive" -> "quantile_disc(" + x + ", " + levels + ")";
            case "topK" -> "(list(" + x + " ORDER BY " + x + "))[1:" + levels + "]";
            default -> name.startsWith("quantiles") && p.size() == 1 ? "quantile_cont(" + x + ", [" + levels + "])"
                    : "quantile_cont(" + x + ", " + levels + ")";
        };
    }

    private static String cast(String x, String type) {
        return "CAST(" + x + " AS " + type + ")";
    }

    /** toStartOf… (see {@link #startsAnInstant}) of the emitted arguments {@code s}, as TealDB SQL over a zone-less timestamp. */
    private static String zonelessCall(String name, String[] s, int n) {
        return switch (name) {
            case "toStartOfDay" -> "date_trunc('day', CAST(" + s[0] + " AS TIMESTAMP))";
            case "toStartOfHour" -> "date_trunc('hour', " + s[0] + ")";
            case "toStartOfMinute" -> "date_trunc('minute', " + s[0] + ")";
            case "toStartOfSecond" -> "date_trunc('second', " + s[0] + ")";
            case "toStartOfFiveMinutes", "toStartOfFiveMinute" -> "time_bucket(INTERVAL 5 MINUTE, " + s[0] + ")";
            case "toStartOfTenMinutes" -> "time_bucket(INTERVAL 10 MINUTE, " + s[0] + ")";
            case "toStartOfFifteenMinutes" -> "time_bucket(INTERVAL 15 MINUTE, " + s[0] + ")";
            case "toStartOfInterval" -> "time_bucket(" + s[1] + ", " + s[0] + ")";
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A function call name(args in [from, to)). */
    private String call(String name, int from, int to) {
        List<int[]> args = args(from, to);
        int n = args.size();
        switch (name) {
            case "CAST", "cast", "Cast", "TRY_CAST", "try_cast", "accurateCastOrNull", "accurateCast" -> {
                boolean tryCast = name.equalsIgnoreCase("TRY_CAST") || name.equals("accurateCastOrNull");
                String fn = tryCast ? "TRY_CAST(" : "CAST(";
                if (n == 2 && toks.get(args.get(1)[0]).kind() == Kind.STR) {
                    return fn + a(args.get(0)) + " AS " + sqlType(toks.get(args.get(1)[0]).text()) + ")";
                }
                if (n == 1) {
                    int as = -1;
                    for (int i = from; i < to; i++) {
                        if ((toks.get(i).op("(") || toks.get(i).op("[")) && match[i] > i) {
                            i = match[i];
                            continue;
                        }
                        if (toks.get(i).is("AS")) as = i;
                    }
                    if (as > 0) return fn + emit(from, as) + " AS " + type(as + 1, to) + ")";
                }
                return name + "(" + joined(args) + ")";
            }
            default -> {
            }
        }
        String[] s = new String[n];
        for (int k = 0; k < n; k++) s[k] = a(args.get(k));
        int zoneAt = zoneArgument(name);
        // the zone the local time is taken in (SQL text), for toStartOf… to turn its local result back into an instant
        String localZone = null;
        if (zoneAt > 0 && n == zoneAt + 1 && toks.get(args.get(zoneAt)[0]).kind() == Kind.STR) {
            // an explicit zone: the instant's local time there (a zone-less DateTime is UTC)
            String local = "timezone(" + s[zoneAt] + ", CAST(" + s[0] + " AS TIMESTAMPTZ))";
            ChType col = zoneType(args.get(0)[0], args.get(0)[1]);
            if (name.equals("toString")) return localText(local, s[0], col instanceof ChType.DateTime64 d ? d.precision() : 0);
            localZone = s[zoneAt];
            s = java.util.Arrays.copyOf(s, zoneAt);
            s[0] = local;
            n = zoneAt;
        } else if (zoneAt > 0 && n == zoneAt) {
            ChType col = zoneType(args.get(0)[0], args.get(0)[1]);
            if (col != null) {
                String zone = zoneOf(col);
                String local = "timezone(" + quoteStr(zone) + ", CAST(" + s[0] + " AS TIMESTAMPTZ))";
                if (name.equals("toString")) return localText(local, s[0], col instanceof ChType.DateTime64 d ? d.precision() : 0);
                localZone = quoteStr(zone);
                s[0] = local;
            }
        }
        if (localZone != null && startsAnInstant(name)) {
            // ClickHouse's result is a DateTime in that zone: the local start, as the instant it is there
            String local = zonelessCall(name, s, n);
            return "timezone(" + localZone + ", " + local + ")";
        }
        switch (name) {
            case "toTypeName" -> {
                // a zoned column or zone-carrying call: its ClickHouse type, which typeof() cannot tell
                ChType z = n == 1 ? zoneType(args.get(0)[0], args.get(0)[1]) : null;
                if (z != null) return quoteStr(z.name());
            }
            case "toTimeZone", "toTimezone" -> {
                // the same instant, in a zone the result's type carries (see zoneType)
                if (n == 2 && isString(args.get(1))) return "CAST(" + s[0] + " AS TIMESTAMPTZ)";
            }
            case "toDateTime", "toDateTime32", "toDateTime64" -> {
                int z = name.equals("toDateTime64") ? 2 : 1;
                if (n == z + 1 && isString(args.get(z))) {
                    // text is local time of the zone; anything else is an instant already
                    if (isString(args.get(0))) return "timezone(" + s[z] + ", CAST(" + s[0] + " AS TIMESTAMP))";
                    return "CAST(" + cast(s[0], "TIMESTAMP") + " AS TIMESTAMPTZ)";
                }
            }
            default -> {
            }
        }
        String conv = conversion(name);
        if (conv != null && n >= 1) {
            boolean orNull = name.endsWith("OrNull"), orZero = name.endsWith("OrZero");
            if (orNull) return "TRY_CAST(" + s[0] + " AS " + conv + ")";
            if (orZero) return "COALESCE(TRY_CAST(" + s[0] + " AS " + conv + "), CAST(0 AS " + conv + "))";
            return cast(s[0], conv);
        }
        return switch (name) {
            case "version" -> n == 0 ? quoteStr(ChErrors.VERSION) : plain(name, s);
            case "timezone", "timeZone", "serverTimezone", "serverTimeZone" -> "'UTC'";
            case "currentDatabase", "database" -> quoteStr(database);
            case "currentUser", "user" -> quoteStr(user);
            case "hostName", "hostname", "FQDN" -> quoteStr(ChHttpHandler.hostName());
            case "uptime" -> "CAST(0 AS UINTEGER)";
            case "now64", "nowInBlock" -> "CAST(now() AS TIMESTAMP)";
            case "now" -> "CAST(date_trunc('second', now()) AS TIMESTAMP)";
            case "today" -> "current_date";
            case "yesterday" -> "(current_date - 1)";
            case "toDate", "toDate32", "DATE" -> n == 1 ? cast(s[0], "DATE") : plain(name, s);
            case "toDateTime", "toDateTime64", "toDateTime32" -> cast(s[0], "TIMESTAMP");
            case "toString" -> cast(s[0], "VARCHAR");
            case "toFixedString" -> cast(s[0], "VARCHAR");
            case "toYear" -> "year(" + s[0] + ")";
            case "toMonth" -> "month(" + s[0] + ")";
            case "toQuarter" -> "quarter(" + s[0] + ")";
            case "toDayOfMonth" -> "day(" + s[0] + ")";
            case "toDayOfWeek" -> "isodow(" + s[0] + ")";
            case "toDayOfYear" -> "dayofyear(" + s[0] + ")";
            case "toHour" -> "hour(" + s[0] + ")";
            case "toMinute" -> "minute(" + s[0] + ")";
            case "toSecond" -> "second(" + s[0] + ")";
            case "toUnixTimestamp" -> "CAST(floor(epoch(" + s[0] + ")) AS BIGINT)"; // whole seconds, not rounded
            case "toStartOfDay", "toStartOfHour", "toStartOfMinute", "toStartOfSecond", "toStartOfFiveMinutes", "toStartOfFiveMinute",
                 "toStartOfTenMinutes", "toStartOfFifteenMinutes", "toStartOfInterval" -> zonelessCall(name, s, n);
            case "toStartOfMonth" -> "CAST(date_trunc('month', " + s[0] + ") AS DATE)";
            case "toStartOfQuarter" -> "CAST(date_trunc('quarter', " + s[0] + ") AS DATE)";
            case "toStartOfYear" -> "CAST(date_trunc('year', " + s[0] + ") AS DATE)";
            case "toMonday", "toStartOfWeek" -> "CAST(date_trunc('week', " + s[0] + ") AS DATE)";
            case "toYYYYMM" -> "CAST(year(" + s[0] + ") * 100 + month(" + s[0] + ") AS UINTEGER)";
            case "toYYYYMMDD" -> "CAST(year(" + s[0] + ") * 10000 + month(" + s[0] + ") * 100 + day(" + s[0] + ") AS UINTEGER)";
            case "dateDiff", "date_diff", "DATE_DIFF", "timestampDiff", "age" -> "date_diff(" + String.join(", ", s) + ")";
            case "formatDateTime", "formatDateTimeInJodaSyntax" -> "strftime(" + s[0] + ", " + s[1] + ")";
            case "addDays" -> "(" + s[0] + " + INTERVAL (" + s[1] + ") DAY)";
            case "addHours" -> "(" + s[0] + " + INTERVAL (" + s[1] + ") HOUR)";
            case "subtractDays" -> "(" + s[0] + " - INTERVAL (" + s[1] + ") DAY)";
            case "countIf" -> n == 1 ? "count_if(" + s[0] + ")" : "count(CASE WHEN " + s[n - 1] + " THEN " + s[0] + " END)";
            case "sumIf", "avgIf", "minIf", "maxIf", "anyIf", "groupArrayIf", "uniqIf", "uniqExactIf" -> {
                String base = name.substring(0, name.length() - 2);
                yield call2(base, "CASE WHEN " + s[n - 1] + " THEN " + s[0] + " END");
            }
            case "uniq", "uniqHLL12", "uniqCombined", "uniqCombined64", "uniqTheta" ->
                    "approx_count_distinct(" + (n == 1 ? s[0] : "row(" + String.join(", ", s) + ")") + ")";
            case "uniqExact" -> "count(DISTINCT " + (n == 1 ? s[0] : "row(" + String.join(", ", s) + ")") + ")";
            case "groupArray" -> "list(" + s[0] + ")";
            case "groupUniqArray" -> "list(DISTINCT " + s[0] + ")";
            case "any", "anyHeavy" -> "any_value(" + s[0] + ")";
            case "anyLast" -> "last(" + s[0] + ")";
            case "argMax" -> "arg_max(" + s[0] + ", " + s[1] + ")";
            case "argMin" -> "arg_min(" + s[0] + ", " + s[1] + ")";
            case "quantile", "median" -> "quantile_cont(" + s[0] + ", 0.5)";
            case "stddevPop" -> "stddev_pop(" + s[0] + ")";
            case "stddevSamp" -> "stddev_samp(" + s[0] + ")";
            case "varPop" -> "var_pop(" + s[0] + ")";
            case "varSamp" -> "var_samp(" + s[0] + ")";
            case "arrayJoin" -> "unnest(" + s[0] + ")";
            case "has" -> "list_contains(" + s[0] + ", " + s[1] + ")";
            case "indexOf" -> "list_position(" + s[0] + ", " + s[1] + ")";
            case "arraySort" -> "list_sort(" + s[0] + ")";
            case "arrayDistinct" -> "list_distinct(" + s[0] + ")";
            case "arrayConcat" -> "list_concat(" + String.join(", ", s) + ")";
            case "arrayStringConcat" -> "array_to_string(" + s[0] + ", " + (n > 1 ? s[1] : "''") + ")";
            case "splitByChar", "splitByString" -> "string_split(" + s[1] + ", " + s[0] + ")";
            case "empty" -> "(length(" + s[0] + ") = 0)";
            case "notEmpty" -> "(length(" + s[0] + ") > 0)";
            case "lengthUTF8", "char_length" -> "length(" + s[0] + ")";
            case "lowerUTF8" -> "lower(" + s[0] + ")";
            case "upperUTF8" -> "upper(" + s[0] + ")";
            case "toTypeName" -> "clickhouse_type_name(typeof(" + s[0] + "))";
            case "if" -> n == 3 ? "(CASE WHEN " + s[0] + " THEN " + s[1] + " ELSE " + s[2] + " END)" : plain(name, s);
            case "multiIf" -> {
                StringBuilder sb = new StringBuilder("(CASE");
                for (int k = 0; k + 1 < n; k += 2) sb.append(" WHEN ").append(s[k]).append(" THEN ").append(s[k + 1]);
                if (n % 2 == 1) sb.append(" ELSE ").append(s[n - 1]);
                yield sb.append(" END)").toString();
            }
            case "isNull" -> "(" + s[0] + " IS NULL)";
            case "isNotNull" -> "(" + s[0] + " IS NOT NULL)";
            case "ifNull" -> "coalesce(" + String.join(", ", s) + ")";
            case "nullIf" -> "nullif(" + String.join(", ", s) + ")";
            case "assumeNotNull", "toNullable", "materialize", "identity", "toLowCardinality" -> "(" + s[0] + ")";
            case "generateUUIDv4" -> "gen_random_uuid()";
            case "tuple" -> "row(" + String.join(", ", s) + ")";
            case "array" -> "[" + String.join(", ", s) + "]";
            case "map" -> {
                StringBuilder k = new StringBuilder("MAP([");
                StringBuilder v = new StringBuilder("[");
                for (int j = 0; j + 1 < n; j += 2) {
                    if (j > 0) {
                        k.append(", ");
                        v.append(", ");
                    }
                    k.append(s[j]);
                    v.append(s[j + 1]);
                }
                yield k.append("], ").append(v).append("])").toString();
            }
            case "numbers", "numbers_mt" -> "(SELECT range AS number FROM range(" + String.join(", ", s) + "))";
            case "positionCaseInsensitive" -> "strpos(lower(" + s[0] + "), lower(" + s[1] + "))";
            case "position", "locate" -> "strpos(" + s[0] + ", " + s[1] + ")";
            case "startsWith" -> "starts_with(" + s[0] + ", " + s[1] + ")";
            case "endsWith" -> "ends_with(" + s[0] + ", " + s[1] + ")";
            case "match" -> "regexp_matches(" + s[0] + ", " + s[1] + ")";
            case "replaceAll", "replace" -> "replace(" + String.join(", ", s) + ")";
            case "replaceRegexpAll" -> "regexp_replace(" + s[0] + ", " + s[1] + ", " + s[2] + ", 'g')";
            case "replaceRegexpOne" -> "regexp_replace(" + s[0] + ", " + s[1] + ", " + s[2] + ")";
            case "intDiv" -> "(" + s[0] + " // " + s[1] + ")";
            case "modulo" -> "(" + s[0] + " % " + s[1] + ")";
            case "rand", "rand32" -> "CAST(floor(random() * 4294967296) AS UINTEGER)";
            case "rand64" -> "CAST(floor(random() * 9.2e18) AS UBIGINT)";
            case "sleep", "sleepEachRow" -> "CAST(0 AS UTINYINT)";
            default -> plain(name, s);
        };
    }

    private String call2(String base, String arg) {
        return switch (base) {
            case "any" -> "any_value(" + arg + ")";
            case "groupArray" -> "list(" + arg + ")";
            case "uniq" -> "approx_count_distinct(" + arg + ")";
            case "uniqExact" -> "count(DISTINCT " + arg + ")";
            default -> base + "(" + arg + ")";
        };
    }

    private static String plain(String name, String[] s) {
        return name + "(" + String.join(", ", s) + ")";
    }

    private String joined(List<int[]> args) {
        List<String> s = new ArrayList<>();
        for (int[] r : args) s.add(a(r));
        return String.join(", ", s);
    }

    /** toInt32, toUInt64OrNull, toFloat64OrZero, toDecimal…: the target TealDB type, else null. */
    private static String conversion(String name) {
        if (!name.startsWith("to")) return null;
        String base = name.endsWith("OrNull") || name.endsWith("OrZero") ? name.substring(0, name.length() - 6) : name;
        return switch (base) {
            case "toInt8" -> "TINYINT";
            case "toInt16" -> "SMALLINT";
            case "toInt32" -> "INTEGER";
            case "toInt64" -> "BIGINT";
            case "toInt128" -> "HUGEINT";
            case "toUInt8" -> "UTINYINT";
            case "toUInt16" -> "USMALLINT";
            case "toUInt32" -> "UINTEGER";
            case "toUInt64" -> "UBIGINT";
            case "toUInt128" -> "UHUGEINT";
            case "toFloat32" -> "FLOAT";
            case "toFloat64" -> "DOUBLE";
            case "toUUID" -> "UUID";
            case "toBool" -> "BOOLEAN";
            default -> null;
        };
    }
}
