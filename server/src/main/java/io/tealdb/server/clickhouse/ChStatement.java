package io.tealdb.server.clickhouse;

import io.tealdb.server.clickhouse.ChLexer.Tok;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One ClickHouse statement, split into what the HTTP layer needs: its tokens without the trailing
 * {@code ;}, {@code SETTINGS …} and {@code FORMAT x} clauses, the format and settings they named,
 * and the first keyword. For {@code INSERT … FORMAT x} the tokens end at the format name and the
 * data follows in the request body.
 */
final class ChStatement {
    final String text;
    final List<Tok> toks;
    final String format;
    final Map<String, String> settings;
    final String verb;

    private ChStatement(String text, List<Tok> toks, String format, Map<String, String> settings) {
        this.text = text;
        this.toks = toks;
        this.format = format;
        this.settings = settings;
        this.verb = toks.isEmpty() ? "" : toks.get(0).text().toUpperCase(Locale.ROOT);
    }

    boolean isInsert() {
        return verb.equals("INSERT");
    }

    /** Parses {@code text}; {@code insertData}: the text is an INSERT whose tokens stop at FORMAT x. */
    static ChStatement parse(String text, List<Tok> lexed) {
        List<Tok> toks = new ArrayList<>(lexed);
        if (toks.isEmpty()) throw ChException.syntax("Empty query");
        boolean insert = toks.get(0).is("INSERT");
        // trailing semicolons: one is allowed
        int semis = 0;
        while (!toks.isEmpty() && toks.get(toks.size() - 1).op(";")) {
            toks.remove(toks.size() - 1);
            semis++;
        }
        for (Tok t : toks) {
            if (t.op(";")) throw new ChException(62, "SYNTAX_ERROR", "Multi-statements are not allowed");
        }
        if (semis > 1) throw new ChException(62, "SYNTAX_ERROR", "Multi-statements are not allowed");
        String format = null;
        Map<String, String> settings = new LinkedHashMap<>();
        // FORMAT x at the end (for INSERT: the data format, tokens end there)
        int n = toks.size();
        if (n >= 2 && toks.get(n - 2).is("FORMAT") && toks.get(n - 1).isName() && depthAt(toks, n - 2) == 0) {
            format = toks.get(n - 1).text();
            toks.subList(n - 2, n).clear();
        }
        // SETTINGS k = v, … at top level (not inside CREATE TABLE's column list)
        int s = -1;
        int depth = 0;
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.op("(") || t.op("[")) depth++;
            else if (t.op(")") || t.op("]")) depth--;
            else if (depth == 0 && t.is("SETTINGS") && i + 2 < toks.size() && toks.get(i + 2).op("=")) s = i;
        }
        if (s >= 0 && !(toks.get(0).is("CREATE"))) {
            int i = s + 1;
            while (i + 2 < toks.size() + 1 && i < toks.size()) {
                if (!toks.get(i).isName() || i + 2 >= toks.size() + 0 && i + 2 > toks.size() || !toks.get(i + 1).op("=")) break;
                String name = toks.get(i).text();
                int j = i + 2;
                StringBuilder v = new StringBuilder();
                while (j < toks.size() && !toks.get(j).op(",")) {
                    Tok vt = toks.get(j);
                    if (vt.isName() && j + 1 < toks.size() && toks.get(j + 1).op("=") && v.length() > 0) break;
                    v.append(vt.text());
                    j++;
                }
                settings.put(name, v.toString());
                i = j;
                if (i < toks.size() && toks.get(i).op(",")) i++;
                else break;
            }
            // the INSERT's SETTINGS sit between the column list and FORMAT; anything after them stays
            List<Tok> tail = new ArrayList<>(toks.subList(i, toks.size()));
            toks.subList(s, toks.size()).clear();
            toks.addAll(tail);
            if (format == null && toks.size() >= 2 && toks.get(toks.size() - 2).is("FORMAT")) {
                format = toks.get(toks.size() - 1).text();
                toks.subList(toks.size() - 2, toks.size()).clear();
            }
        }
        if (insert && format == null) {
            // INSERT … VALUES / SELECT: plain SQL
        }
        return new ChStatement(text, toks, format, settings);
    }

    private static int depthAt(List<Tok> toks, int at) {
        int d = 0;
        for (int i = 0; i < at; i++) {
            if (toks.get(i).op("(") || toks.get(i).op("[")) d++;
            else if (toks.get(i).op(")") || toks.get(i).op("]")) d--;
        }
        return d;
    }
}
