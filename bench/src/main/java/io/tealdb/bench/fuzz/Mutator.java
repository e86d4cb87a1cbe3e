package io.tealdb.bench.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates one SQL statement the way a hostile or careless user would: tokens deleted, duplicated
 * or swapped, literals replaced by extreme values or values of other types, expressions nested
 * deeply, subqueries where a value stands, self-joins, huge LIMIT/OFFSET. Deterministic for a
 * given {@link Random}.
 */
public final class Mutator {
    /** Tokens: quoted strings/identifiers, numbers, words, multi-character operators, single characters. */
    private static final Pattern TOKEN = Pattern.compile(
            "'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?|\\.\\d+|[A-Za-z_][A-Za-z_0-9]*|::|<=|>=|<>|!=|\\|\\||->>|\\S");
    private static final Pattern FROM_TABLE = Pattern.compile("(?i)\\bFROM\\s+([A-Za-z_][A-Za-z_0-9]*)");

    private static final String[] EXTREME = {"0", "-1", "2147483647", "-2147483648", "9223372036854775807",
            "-9223372036854775808", "170141183460469231731687303715884105727", "-170141183460469231731687303715884105728",
            "1e308", "-1e308", "1e-308", "99999999999999999999999999999999999999.9", "- -1", "- -1e308", "0.0",
            "'nan'::DOUBLE", "'inf'::DOUBLE", "-0.0", "(-2147483648)::INT", "4294967296"};
    private static final String[] OTHER_TYPES = {"NULL", "'abc'", "''", "TRUE", "DATE '2020-01-01'", "TIME '24:00:00'",
            "TIMESTAMP '294247-01-10 04:00:54'", "INTERVAL 1 DAY", "INTERVAL '2147483647 months'", "1.5", "'1'::BLOB",
            "repeat('a', 100000)", "'%'", "'\\'", "X'00'", "[]", "{'a': 1}", "'24:00:00'::TIME", "DATE 'infinity'",
            "'9999-12-31'::DATE", "CAST(NULL AS INTEGER)", "?"};
    private static final String[] SUBQUERIES = {"(SELECT 1)", "(SELECT NULL)", "(SELECT 1 UNION ALL SELECT 2)",
            "(SELECT count(*) FROM range(10))", "(SELECT max(range) FROM range(3000))", "(WITH c AS (SELECT 1 x) SELECT x FROM c)",
            "(SELECT * FROM (VALUES (1), (2)) t(x) WHERE x > 1)", "EXISTS (SELECT 1)", "(SELECT 'x' LIMIT 0)"};
    private static final String[] OPERATORS = {"+", "-", "*", "/", "//", "%", "||", "=", "<", ">=", "<>", "AND", "OR",
            "LIKE", "GLOB", "IS", "IN", "BETWEEN", "::", "^", "<<", ">>", "&", "|", "!", "~", "SIMILAR TO"};

    private final Random rnd;

    public Mutator(Random rnd) {
        this.rnd = rnd;
    }

    static List<String> tokens(String sql) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(sql);
        while (m.find()) out.add(m.group());
        return out;
    }

    /** One mutant of {@code sql} (1–3 mutations applied). */
    public String mutate(String sql) {
        String s = sql;
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) s = mutateOnce(s);
        return s;
    }

    private String mutateOnce(String sql) {
        List<String> t = tokens(sql);
        if (t.isEmpty()) return sql;
        int k = rnd.nextInt(t.size());
        switch (rnd.nextInt(12)) {
            case 0 -> t.remove(k);
            case 1 -> t.add(k, t.get(k));
            case 2 -> {
                if (t.size() > 1) {
                    int j = k + 1 < t.size() ? k + 1 : k - 1;
                    String x = t.get(k);
                    t.set(k, t.get(j));
                    t.set(j, x);
                }
            }
            case 3 -> t.set(literalIndex(t, k), pick(EXTREME));
            case 4 -> t.set(literalIndex(t, k), pick(OTHER_TYPES));
            case 5 -> {
                int depth = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 300);
                int at = literalIndex(t, k);
                String open = rnd.nextBoolean() ? "(" : "- (";
                t.set(at, open.repeat(depth) + t.get(at) + ")".repeat(depth));
            }
            case 6 -> t.set(literalIndex(t, k), pick(SUBQUERIES));
            case 7 -> {
                Matcher m = FROM_TABLE.matcher(sql);
                if (m.find()) return sql.substring(0, m.end()) + ", " + m.group(1) + " AS fuzz_self" + sql.substring(m.end());
                t.add(k, pick(OPERATORS));
            }
            case 8 -> {
                String limit = pick(new String[]{" LIMIT 9223372036854775807", " OFFSET 9223372036854775807",
                        " LIMIT 9223372036854775807 OFFSET 9223372036854775806", " LIMIT (SELECT 2)", " OFFSET (SELECT 1)",
                        " LIMIT -1", " LIMIT 1e308", " LIMIT NULL", " LIMIT 'x'"});
                return strip(sql) + limit;
            }
            case 9 -> t.set(k, pick(OPERATORS));
            case 10 -> t.add(k, pick(new String[]{"(", ")", ",", "SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY",
                    "UNION", "JOIN", "ON", "NOT", "DISTINCT", "*", "CASE", "END", "OVER ()", "FILTER (WHERE true)"}));
            default -> {
                // a window or a grouped, ordered wrapper around the statement
                if (sql.strip().toUpperCase().startsWith("SELECT") || sql.strip().toUpperCase().startsWith("FROM")) {
                    return pick(new String[]{"SELECT count(*) OVER (ORDER BY 1 ROWS BETWEEN (SELECT 1) PRECEDING AND CURRENT ROW), * FROM (",
                            "SELECT * FROM (", "SELECT DISTINCT * FROM (", "SELECT count(*) FROM ("})
                            + strip(sql) + ") fuzz_sub" + pick(new String[]{"", " ORDER BY ALL", " LIMIT 5", ", (" + strip(sql) + ") fuzz_sub2"});
                }
                t.remove(k);
            }
        }
        return String.join(" ", t);
    }

    /** A literal or identifier near {@code k} (the token itself when none is found). */
    private static int literalIndex(List<String> t, int k) {
        for (int d = 0; d < t.size(); d++) {
            for (int i : new int[]{k + d, k - d}) {
                if (i < 0 || i >= t.size()) continue;
                char c = t.get(i).charAt(0);
                if (Character.isDigit(c) || c == '\'') return i;
            }
        }
        return k;
    }

    private static String strip(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
        return s;
    }

    private String pick(String[] options) {
        return options[rnd.nextInt(options.length)];
    }
}
