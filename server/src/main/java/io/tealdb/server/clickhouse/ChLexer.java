package io.tealdb.server.clickhouse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits ClickHouse SQL into tokens (comments and blanks dropped): words, quoted identifiers
 * (backticks or double quotes, backslash escapes), strings (single quotes, backslash escapes and
 * doubled quotes), numbers, {@code {name:Type}} parameters and operators. Offsets index the text so
 * the statement's end can be found without reading the data that follows an INSERT.
 */
final class ChLexer {
    enum Kind { WORD, QID, STR, NUM, PARAM, OP }

    record Tok(Kind kind, String text, int start, int end) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean op(String o) {
            return kind == Kind.OP && text.equals(o);
        }

        /** The name of a word or quoted identifier. */
        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QID;
        }
    }

    private ChLexer() {
    }

    /**
     * Lexes {@code s} from 0; when {@code stopAfterInsertFormat}, stops after the format name of an
     * {@code INSERT … FORMAT name} (the data follows it).
     */
    static List<Tok> lex(String s, boolean stopAfterInsertFormat) {
        List<Tok> out = new ArrayList<>();
        int i = 0, n = s.length();
        boolean insert = false;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-' || c == '#' && i + 1 < n && (s.charAt(i + 1) == ' ' || s.charAt(i + 1) == '!')) {
                while (i < n && s.charAt(i) != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) throw ChException.syntax("Multi-line comment is not closed");
                i = end + 2;
                continue;
            }
            int start = i;
            if (Character.isLetter(c) || c == '_' || c == '$') {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) i++;
                Tok t = new Tok(Kind.WORD, s.substring(start, i), start, i);
                out.add(t);
                if (out.size() == 1 && t.is("INSERT")) insert = true;
                if (stopAfterInsertFormat && insert && out.size() >= 2 && out.get(out.size() - 2).is("FORMAT")) return out;
                continue;
            }
            if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                if (c == '0' && i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
                    i += 2;
                    while (i < n && Character.digit(s.charAt(i), 16) >= 0) i++;
                } else {
                    while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) i++;
                    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                        int j = i + 1;
                        if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
                        if (j < n && Character.isDigit(s.charAt(j))) {
                            i = j;
                            while (i < n && Character.isDigit(s.charAt(i))) i++;
                        }
                    }
                }
                out.add(new Tok(Kind.NUM, s.substring(start, i), start, i));
                continue;
            }
            if (c == '\'' || c == '`' || c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) throw ChException.syntax("Unterminated " + (c == '\'' ? "string literal" : "quoted identifier"));
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        sb.append(ChText.unescape(s.charAt(i + 1)));
                        i += 2;
                    } else if (d == c) {
                        if (i + 1 < n && s.charAt(i + 1) == c) {
                            sb.append(c);
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                out.add(new Tok(c == '\'' ? Kind.STR : Kind.QID, sb.toString(), start, i));
                continue;
            }
            if (c == '{') {
                int end = s.indexOf('}', i);
                int colon = end < 0 ? -1 : s.indexOf(':', i);
                if (end > 0 && colon > 0 && colon < end && s.substring(i + 1, colon).strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    out.add(new Tok(Kind.PARAM, s.substring(i + 1, end), start, end + 1));
                    i = end + 1;
                    continue;
                }
            }
            String[] ops = {"::", "<=", ">=", "!=", "<>", "||", "->", "==", "=>"};
            String op = null;
            for (String o : ops) {
                if (s.startsWith(o, i)) {
                    op = o;
                    break;
                }
            }
            if (op == null) op = String.valueOf(c);
            i += op.length();
            out.add(new Tok(Kind.OP, op, start, i));
        }
        return out;
    }
}
