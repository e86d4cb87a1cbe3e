package io.tealdb.server.pg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code COPY … FROM STDIN} / {@code COPY … TO STDOUT} (protocol notes §6): the table and
 * column list or the query, the direction, and the format options in both the parenthesised form and
 * the legacy {@code WITH CSV HEADER} form. COPY from or to a file is left to the engine.
 */
record CopyCommand(String table, List<String> columns, String query, boolean in, Format format, char delimiter,
                   String nullString, boolean header, char quote, char escape) {
    enum Format { TEXT, CSV, BINARY }

    /** The COPY at hand, or null when the statement is not a COPY to/from the client. */
    static CopyCommand parse(String sql) {
        Lexer lx = new Lexer(SqlText.stripComments(sql));
        if (!lx.keyword("COPY")) return null;
        String table = null, query = null;
        List<String> columns = new ArrayList<>();
        if (lx.peek() == '(') {
            query = lx.parenthesised();
        } else {
            table = lx.qualifiedName();
            if (lx.peek() == '(') {
                String cols = lx.parenthesised();
                for (String c : cols.split(",")) if (!c.isBlank()) columns.add(c.strip());
            }
        }
        boolean in;
        if (lx.keyword("FROM")) {
            if (!lx.keyword("STDIN")) return null;
            in = true;
        } else if (lx.keyword("TO")) {
            if (!lx.keyword("STDOUT")) return null;
            in = false;
        } else {
            return null;
        }
        Format format = Format.TEXT;
        Character delimiter = null;
        String nullString = null;
        boolean header = false;
        char quote = '"';
        Character escape = null;
        lx.keyword("WITH");
        if (lx.peek() == '(') {
            Lexer opts = new Lexer(lx.parenthesised());
            while (!opts.atEnd()) {
                String name = opts.word().toUpperCase(Locale.ROOT);
                String value = opts.peek() == ',' || opts.atEnd() ? "true" : opts.value();
                switch (name) {
                    case "FORMAT" -> format = format(value);
                    case "DELIMITER" -> delimiter = single(value, name);
                    case "NULL" -> nullString = value;
                    case "HEADER" -> header = !value.equalsIgnoreCase("false") && !value.equals("0") && !value.equalsIgnoreCase("off");
                    case "QUOTE" -> quote = single(value, name);
                    case "ESCAPE" -> escape = single(value, name);
                    case "ENCODING" -> {
                        String e = value.toUpperCase(Locale.ROOT).replace("-", "");
                        if (!e.equals("UTF8") && !e.equals("UNICODE") && !e.equals("SQL_ASCII")) {
                            throw new PgError.Failure("0A000", "COPY encoding " + value + " is not supported (only UTF8)");
                        }
                    }
                    case "FREEZE", "FORCE_NOT_NULL", "FORCE_NULL", "FORCE_QUOTE", "OIDS" -> {
                    }
                    default -> throw new PgError.Failure("42601", "option \"" + name.toLowerCase(Locale.ROOT) + "\" not recognized");
                }
                opts.skip(',');
            }
        } else {
            while (!lx.atEnd()) {
                String w = lx.word().toUpperCase(Locale.ROOT);
                switch (w) {
                    case "CSV" -> format = Format.CSV;
                    case "BINARY" -> format = Format.BINARY;
                    case "HEADER" -> header = true;
                    case "DELIMITER" -> { lx.keyword("AS"); delimiter = single(lx.value(), w); }
                    case "NULL" -> { lx.keyword("AS"); nullString = lx.value(); }
                    case "QUOTE" -> { lx.keyword("AS"); quote = single(lx.value(), w); }
                    case "ESCAPE" -> { lx.keyword("AS"); escape = single(lx.value(), w); }
                    case "FORCE" -> {
                        lx.word();
                        lx.keyword("NULL");
                        do lx.word(); while (lx.skip(','));
                    }
                    case "" -> lx.pos++;
                    default -> throw new PgError.Failure("42601", "syntax error in COPY options at \"" + w + "\"");
                }
            }
        }
        if (format == Format.BINARY && !in) {
            // supported below
        }
        char delim = delimiter != null ? delimiter : format == Format.CSV ? ',' : '\t';
        String nul = nullString != null ? nullString : format == Format.CSV ? "" : "\\N";
        return new CopyCommand(table, columns, query, in, format, delim, nul, header, quote, escape != null ? escape : quote);
    }

    private static Format format(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "text" -> Format.TEXT;
            case "csv" -> Format.CSV;
            case "binary" -> Format.BINARY;
            default -> throw new PgError.Failure("22023", "COPY format \"" + v + "\" not recognized");
        };
    }

    private static char single(String v, String option) {
        if (v.length() != 1) throw new PgError.Failure("22023", "COPY " + option.toLowerCase(Locale.ROOT) + " must be a single one-byte character");
        return v.charAt(0);
    }

    /** A tiny tokenizer for the COPY statement (identifiers, quoted strings, parenthesised text). */
    private static final class Lexer {
        final String s;
        int pos;

        Lexer(String s) {
            this.s = s.strip();
        }

        void ws() {
            while (pos < s.length() && (Character.isWhitespace(s.charAt(pos)) || s.charAt(pos) == ';')) pos++;
        }

        boolean atEnd() {
            ws();
            return pos >= s.length();
        }

        char peek() {
            ws();
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        boolean skip(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        boolean keyword(String k) {
            ws();
            int save = pos;
            String w = word();
            if (w.equalsIgnoreCase(k)) return true;
            pos = save;
            return false;
        }

        String word() {
            ws();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
            return s.substring(start, pos);
        }

        String qualifiedName() {
            StringBuilder sb = new StringBuilder();
            do {
                ws();
                if (peek() == '"') {
                    int end = s.indexOf('"', pos + 1);
                    if (end < 0) throw new PgError.Failure("42601", "unterminated quoted identifier in COPY");
                    sb.append(s, pos, end + 1);
                    pos = end + 1;
                } else {
                    sb.append(word());
                }
                if (peek() == '.') {
                    pos++;
                    sb.append('.');
                } else break;
            } while (true);
            if (sb.isEmpty()) throw new PgError.Failure("42601", "syntax error in COPY: table name expected");
            return sb.toString();
        }

        /** Text inside balanced parentheses (quotes respected); the position moves past the ')'. */
        String parenthesised() {
            ws();
            int depth = 0, start = pos + 1;
            for (int i = pos; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\'' || c == '"') {
                    int end = s.indexOf(c, i + 1);
                    if (end < 0) break;
                    i = end;
                } else if (c == '(') depth++;
                else if (c == ')' && --depth == 0) {
                    pos = i + 1;
                    return s.substring(start, i);
                }
            }
            throw new PgError.Failure("42601", "syntax error in COPY: unbalanced parentheses");
        }

        /** A quoted string ('…' with '' or E'…' escapes) or a bare word. */
        String value() {
            ws();
            boolean e = false;
            if (pos + 1 < s.length() && (s.charAt(pos) == 'E' || s.charAt(pos) == 'e') && s.charAt(pos + 1) == '\'') {
                e = true;
                pos++;
            }
            if (peek() == '\'') {
                StringBuilder sb = new StringBuilder();
                pos++;
                while (pos < s.length()) {
                    char c = s.charAt(pos);
                    if (e && c == '\\' && pos + 1 < s.length()) {
                        char n = s.charAt(pos + 1);
                        sb.append(switch (n) { case 't' -> '\t'; case 'n' -> '\n'; case 'r' -> '\r'; default -> n; });
                        pos += 2;
                    } else if (c == '\'') {
                        if (pos + 1 < s.length() && s.charAt(pos + 1) == '\'') {
                            sb.append('\'');
                            pos += 2;
                        } else {
                            pos++;
                            return sb.toString();
                        }
                    } else {
                        sb.append(c);
                        pos++;
                    }
                }
                throw new PgError.Failure("42601", "unterminated string in COPY options");
            }
            return word();
        }
    }
}
