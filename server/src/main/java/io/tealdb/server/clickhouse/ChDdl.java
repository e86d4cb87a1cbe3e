package io.tealdb.server.clickhouse;

import io.tealdb.server.clickhouse.ChLexer.Tok;

import java.util.List;

/**
 * ClickHouse's CREATE TABLE as TealDB DDL: column types mapped (a column that is not Nullable is
 * NOT NULL, as in ClickHouse), DEFAULT kept, MATERIALIZED as a hidden STORED generated column (computed
 * when a row is written and kept), ALIAS as a hidden VIRTUAL one (computed when read); both are left out
 * of {@code SELECT *} and of inserts. CODEC/TTL/COMMENT
 * dropped, and the table engine with its PARTITION BY / ORDER BY / PRIMARY KEY / SETTINGS accepted
 * as storage hints.
 */
final class ChDdl {
    private ChDdl() {
    }

    private static boolean isColumnClause(Tok t) {
        return t.is("NULL") || t.is("NOT") || t.is("DEFAULT") || t.is("MATERIALIZED") || t.is("ALIAS") || t.is("EPHEMERAL")
                || t.is("CODEC") || t.is("COMMENT") || t.is("TTL") || t.is("PRIMARY") || t.is("STATISTICS") || t.is("SETTINGS");
    }

    /** The clauses after a table's column list, which end an ORDER BY / PRIMARY KEY expression. */
    private static boolean isEngineClause(List<Tok> t, int k) {
        Tok x = t.get(k);
        return x.is("PARTITION") || x.is("PRIMARY") || x.is("SAMPLE") || x.is("SETTINGS") || x.is("TTL") || x.is("COMMENT")
                || x.is("ENGINE") || x.is("AS") || x.is("ORDER") && k + 1 < t.size() && t.get(k + 1).is("BY");
    }

    /**
     * {@code i}: the token after TABLE. Fills {@code declared} and {@code nullable} with each column's
     * ClickHouse type as written and whether it allows NULL (for {@link ChColumnTypes}).
     */
    static String createTable(ChStatement st, ChDialect d, int i, boolean temporary, java.util.Map<String, ChType> declared,
                              java.util.Map<String, Boolean> nullableOut, String[] orderByOut, java.util.Map<String, String> kindsOut) {
        List<Tok> t = st.toks;
        boolean ifNot = i + 2 < t.size() && t.get(i).is("IF") && t.get(i + 1).is("NOT") && t.get(i + 2).is("EXISTS");
        if (ifNot) i += 3;
        int nameStart = i;
        if (i >= t.size() || !t.get(i).isName()) throw ChException.syntax("Expected a table name after CREATE TABLE");
        i += i + 2 < t.size() && t.get(i + 1).op(".") ? 3 : 1;
        String name = d.emit(nameStart, i);
        String head = "CREATE " + (temporary ? "TEMPORARY " : "") + "TABLE " + (ifNot ? "IF NOT EXISTS " : "") + name;
        // skip ON CLUSTER x
        if (i + 2 < t.size() && t.get(i).is("ON") && t.get(i + 1).is("CLUSTER")) i += 3;
        if (i < t.size() && t.get(i).is("AS")) {
            if (i + 1 < t.size() && (t.get(i + 1).is("SELECT") || t.get(i + 1).is("WITH") || t.get(i + 1).op("("))) {
                return head + " AS " + d.emit(i + 1, t.size());
            }
            int s = i + 1;
            int e = s + (s + 2 < t.size() && t.get(s + 1).op(".") ? 3 : 1);
            return head + " AS SELECT * FROM " + d.emit(s, e) + " LIMIT 0";
        }
        if (i >= t.size() || !t.get(i).op("(")) throw ChException.syntax("Expected the column list of CREATE TABLE");
        int close = d.match(i);
        StringBuilder sb = new StringBuilder(head).append(" (");
        boolean first = true;
        for (int[] def : d.args(i + 1, close)) {
            int a = def[0], b = def[1];
            if (a >= b) continue;
            Tok n = t.get(a);
            if (n.is("INDEX") || n.is("PROJECTION") || n.is("CONSTRAINT") || n.is("PRIMARY") && a + 1 < b && t.get(a + 1).is("KEY")) continue;
            int typeEnd = a + 1;
            while (typeEnd < b && !isColumnClause(t.get(typeEnd))) {
                if (t.get(typeEnd).op("(") && d.match(typeEnd) > 0) typeEnd = d.match(typeEnd);
                typeEnd++;
            }
            if (typeEnd == a + 1) throw ChException.syntax("Column " + n.text() + " needs a type");
            String typeText = st.text.substring(t.get(a + 1).start(), t.get(typeEnd - 1).end());
            ChType ct;
            try {
                ct = ChType.parse(typeText);
            } catch (ChException e) {
                throw new ChException(50, "UNKNOWN_TYPE", "Unknown data type '" + typeText + "' of column " + n.text());
            }
            boolean nullable = ct instanceof ChType.Nullable || ct instanceof ChType.LowCardinality lc && lc.inner() instanceof ChType.Nullable;
            String def0 = null, kind = null;
            for (int k = typeEnd; k < b; k++) {
                Tok c = t.get(k);
                if (c.is("NULL") && (k == typeEnd || !t.get(k - 1).is("NOT"))) nullable = true;
                if (c.is("DEFAULT") || c.is("MATERIALIZED") || c.is("ALIAS")) {
                    kind = c.is("DEFAULT") ? null : c.text().toUpperCase(java.util.Locale.ROOT);
                    int e = k + 1;
                    while (e < b && !(t.get(e).is("CODEC") || t.get(e).is("COMMENT") || t.get(e).is("TTL"))) {
                        if (t.get(e).op("(") && d.match(e) > 0) e = d.match(e);
                        e++;
                    }
                    def0 = d.emit(k + 1, e);
                    k = e - 1;
                }
            }
            declared.put(n.text(), ChType.nullable(ct, nullable && !(ct instanceof ChType.LowCardinality)));
            if (!first) sb.append(", ");
            first = false;
            sb.append(ChDialect.quoteId(n.text())).append(' ').append(ChType.sql(ct.logical()));
            if (kind != null) {
                // a generated column takes no NOT NULL: the declared type is kept as ClickHouse's (see ChColumnTypes)
                if (def0 == null || def0.isBlank()) throw ChException.syntax("Column " + n.text() + " needs an expression after " + kind);
                kindsOut.put(n.text(), kind);
                nullableOut.put(n.text(), true);
                sb.append(" GENERATED ALWAYS AS (").append(def0).append(kind.equals("MATERIALIZED") ? ") STORED HIDDEN" : ") HIDDEN");
                continue;
            }
            nullableOut.put(n.text(), nullable);
            if (!nullable) sb.append(" NOT NULL");
            if (def0 != null) sb.append(" DEFAULT ").append(def0);
        }
        sb.append(')');
        // ENGINE = X(...) PARTITION BY … ORDER BY … SETTINGS …: storage hints for a single node
        int k = close + 1;
        if (k < t.size() && !(t.get(k).is("ENGINE") || t.get(k).is("PARTITION") || t.get(k).is("ORDER") || t.get(k).is("PRIMARY")
                || t.get(k).is("SETTINGS") || t.get(k).is("COMMENT") || t.get(k).is("TTL") || t.get(k).is("SAMPLE") || t.get(k).is("AS"))) {
            throw ChException.syntax("Unexpected '" + t.get(k).text() + "' after the column list of CREATE TABLE");
        }
        String primaryKey = null;
        for (; k < t.size(); k++) {
            if (t.get(k).is("AS") && k + 1 < t.size() && (t.get(k + 1).is("SELECT") || t.get(k + 1).is("WITH"))) {
                return head + " AS " + d.emit(k + 1, t.size());
            }
            boolean order = t.get(k).is("ORDER") && k + 1 < t.size() && t.get(k + 1).is("BY");
            boolean primary = t.get(k).is("PRIMARY") && k + 1 < t.size() && t.get(k + 1).is("KEY");
            if (order || primary) {
                int e = k + 2;
                while (e < t.size() && !isEngineClause(t, e)) {
                    if (t.get(e).op("(") && d.match(e) > 0) e = d.match(e);
                    e++;
                }
                if (e > k + 2) {
                    String key = st.text.substring(t.get(k + 2).start(), t.get(e - 1).end());
                    if (order) orderByOut[0] = key;
                    else primaryKey = key;
                }
                k = e - 1;
            }
        }
        if (orderByOut[0] == null) orderByOut[0] = primaryKey;
        return sb.toString();
    }
}
