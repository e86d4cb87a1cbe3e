package io.tealdb.cli;

import io.tealdb.BoxRenderer;
import io.tealdb.Result;
import io.tealdb.ValueFormatter;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.DataChunk;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a result in one of the shell's {@link OutputMode}s. Values are shown as their VARCHAR text
 * ({@link ValueFormatter#sqlString}); box mode keeps only the rows it can show, the other modes
 * stream row by row.
 */
final class ResultPrinter {
    private ResultPrinter() {
    }

    static void print(Result result, OutputMode mode, BoxRenderer box, PrintStream out) {
        List<String> names = result.columnNames();
        List<LogicalType> types = result.columnTypes();
        switch (mode) {
            case BOX -> out.print(result.toBoxString(box));
            case CSV -> {
                out.println(csvLine(names.toArray(new String[0])));
                forEachRow(result, row -> out.println(csvLine(row)));
            }
            case JSON -> {
                boolean[] first = {true};
                forEachRow(result, row -> {
                    out.print(first[0] ? "[" : ",\n");
                    first[0] = false;
                    out.print(jsonObject(names, types, row));
                });
                if (!first[0]) {
                    out.println("]");
                }
            }
            case MARKDOWN -> {
                List<String[]> rows = new ArrayList<>();
                forEachRow(result, rows::add);
                out.print(markdown(names, types, rows));
            }
            case LINE -> {
                int width = 0;
                for (String n : names) {
                    width = Math.max(width, BoxRenderer.displayWidth(n));
                }
                int w = width;
                boolean[] first = {true};
                forEachRow(result, row -> {
                    if (!first[0]) {
                        out.println();
                    }
                    first[0] = false;
                    for (int c = 0; c < row.length; c++) {
                        String n = names.get(c);
                        out.println(" ".repeat(w - BoxRenderer.displayWidth(n)) + n + " = " + (row[c] == null ? "NULL" : row[c]));
                    }
                });
            }
        }
        out.flush();
    }

    private interface RowConsumer {
        void accept(String[] row);
    }

    private static void forEachRow(Result result, RowConsumer consumer) {
        for (DataChunk chunk : result) {
            int cols = chunk.columnCount();
            for (int r = 0; r < chunk.size(); r++) {
                String[] row = new String[cols];
                for (int c = 0; c < cols; c++) {
                    row[c] = ValueFormatter.sqlString(chunk.column(c), r, result.timeZone());
                }
                consumer.accept(row);
            }
        }
    }

    /** RFC 4180: quote fields containing a comma, quote or line break; NULL is an empty field. */
    static String csvLine(String[] fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields[i];
            if (f == null) {
                continue;
            }
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.toString();
    }

    /** {"name":value,...}: numbers and booleans bare (non-finite floats as null), everything else a JSON string. */
    static String jsonObject(List<String> names, List<LogicalType> types, String[] row) {
        StringBuilder sb = new StringBuilder("{");
        for (int c = 0; c < row.length; c++) {
            if (c > 0) {
                sb.append(',');
            }
            jsonString(sb, names.get(c));
            sb.append(':');
            String v = row[c];
            TypeId id = types.get(c).id();
            if (v == null) {
                sb.append("null");
            } else if (id == TypeId.BOOLEAN || (id.isNumeric() && id != TypeId.FLOAT && id != TypeId.DOUBLE)) {
                sb.append(v);
            } else if (id == TypeId.FLOAT || id == TypeId.DOUBLE) {
                boolean finite = !(v.equals("nan") || v.equals("inf") || v.equals("-inf"));
                sb.append(finite ? v : "null");
            } else {
                jsonString(sb, v);
            }
        }
        return sb.append('}').toString();
    }

    /** Escapes per RFC 8259: quote, backslash and control characters; everything else verbatim (UTF-8 output). */
    static void jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (ch < 0x20 || ch == 0x2028 || ch == 0x2029 || Character.isSurrogate(ch)
                            && !(Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(ch) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }

    static String markdown(List<String> names, List<LogicalType> types, List<String[]> rows) {
        int n = names.size();
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            width[c] = Math.max(3, BoxRenderer.displayWidth(mdCell(names.get(c))));
            for (String[] r : rows) {
                width[c] = Math.max(width[c], BoxRenderer.displayWidth(mdCell(r[c] == null ? "NULL" : r[c])));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append('|');
        for (int c = 0; c < n; c++) {
            sb.append(' ').append(pad(mdCell(names.get(c)), width[c], false)).append(" |");
        }
        sb.append("\n|");
        for (int c = 0; c < n; c++) {
            boolean right = types.get(c).isNumeric();
            sb.append(right ? "-".repeat(width[c] + 1) + ":" : "-".repeat(width[c] + 2)).append('|');
        }
        sb.append('\n');
        for (String[] r : rows) {
            sb.append('|');
            for (int c = 0; c < n; c++) {
                sb.append(' ').append(pad(mdCell(r[c] == null ? "NULL" : r[c]), width[c], types.get(c).isNumeric())).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String mdCell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "\\r").replace("\n", "\\n");
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - BoxRenderer.displayWidth(s)));
        return right ? fill + s : s + fill;
    }
}
