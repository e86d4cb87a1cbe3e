package io.tealdb.server.clickhouse;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Splits TabSeparated and CSV lines into fields (\N and unquoted-empty rules as ClickHouse reads them). */
final class TextFields {
    /** TSV: tab-separated, backslash escapes, {@code \N} = NULL (null in the list). */
    List<String> tsv(String line, boolean raw) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean isNull = false;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == '\t') {
                out.add(isNull && sb.isEmpty() ? null : sb.toString());
                sb.setLength(0);
                isNull = false;
                continue;
            }
            char c = line.charAt(i);
            if (c == '\\' && !raw && i + 1 < line.length()) {
                char e = line.charAt(++i);
                if (e == 'N' && sb.isEmpty()) isNull = true;
                else sb.append(ChText.unescape(e));
            } else {
                sb.append(c);
            }
        }
        return out;
    }

    /** CSV: comma-separated, double-quoted fields may span lines; bare {@code \N} = NULL. */
    List<String> csv(String line, BufferedReader more) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        String s = line;
        while (true) {
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= s.length()) {
                        String next = more.readLine();
                        if (next == null) throw ChException.badData("Unterminated quoted CSV field");
                        sb.append('\n');
                        s = next;
                        i = 0;
                        continue;
                    }
                    char c = s.charAt(i);
                    if (c == '"') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        sb.append(c);
                        i++;
                    }
                }
                while (i < s.length() && s.charAt(i) != ',') i++;
                out.add(sb.toString());
            } else {
                int end = s.indexOf(',', i);
                if (end < 0) end = s.length();
                String v = s.substring(i, end);
                out.add(v.equals("\\N") ? null : v);
                i = end;
            }
            sb.setLength(0);
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            return out;
        }
    }
}
