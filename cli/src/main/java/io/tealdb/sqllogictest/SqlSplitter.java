package io.tealdb.sqllogictest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the SQL text of a record into statements at top-level semicolons, so that a record
 * with several statements does not depend on the driver accepting multi-statement strings.
 * Aware of '...' strings (with E'..' backslash escapes), "..." identifiers, $tag$...$tag$
 * quoting, -- line comments and nested block comments. A text that holds a single statement
 * is returned unchanged (including a trailing semicolon), so error positions stay exact.
 */
public final class SqlSplitter {

    private SqlSplitter() {}

    public static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        int n = sql.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
                i = skipQuoted(sql, i, '\'', escapes);
            } else if (c == '"') {
                i = skipQuoted(sql, i, '"', false);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 1;
                i += 2;
                while (i < n && depth > 0) {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
            } else if (c == '$' && (i == 0 || !isIdent(sql.charAt(i - 1)))) {
                int j = i + 1;
                while (j < n && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
                    j++;
                }
                if (j < n && sql.charAt(j) == '$') {
                    String tag = sql.substring(i, j + 1);
                    int end = sql.indexOf(tag, j + 1);
                    i = end < 0 ? n : end + tag.length();
                } else {
                    i++;
                }
            } else if (c == ';') {
                addIfNotBlank(out, sql.substring(start, i));
                i++;
                start = i;
            } else {
                i++;
            }
        }
        addIfNotBlank(out, sql.substring(start));
        if (out.size() <= 1) {
            return List.of(sql);
        }
        return out;
    }

    private static boolean isIdent(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int skipQuoted(String sql, int i, char quote, boolean backslashEscapes) {
        int n = sql.length();
        i++;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static void addIfNotBlank(List<String> out, String stmt) {
        if (!isBlankOrComment(stmt)) {
            out.add(stmt.strip());
        }
    }

    private static boolean isBlankOrComment(String s) {
        String t = s.strip();
        while (!t.isEmpty()) {
            if (t.startsWith("--")) {
                int nl = t.indexOf('\n');
                t = nl < 0 ? "" : t.substring(nl + 1).strip();
            } else if (t.startsWith("/*")) {
                int end = t.indexOf("*/");
                t = end < 0 ? "" : t.substring(end + 2).strip();
            } else {
                return false;
            }
        }
        return true;
    }
}
