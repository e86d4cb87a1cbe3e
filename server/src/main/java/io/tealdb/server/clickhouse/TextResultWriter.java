package io.tealdb.server.clickhouse;

import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * The text output formats: TabSeparated (+Raw, WithNames, WithNamesAndTypes), CSV (+WithNames,
 * WithNamesAndTypes), TSKV, Values, Vertical and the Pretty family (which buffers the rows it shows
 * to size its columns; meant for people at a terminal).
 */
final class TextResultWriter extends ResultWriter {
    private final String format;
    private final boolean csv;
    private final boolean raw;
    private final boolean pretty;
    private final StringBuilder sb = new StringBuilder(256);
    private final List<String[]> prettyRows = new ArrayList<>();
    private long rowsSoFar;

    TextResultWriter(ByteSink out, String format) {
        super(out);
        this.format = format;
        this.csv = format.startsWith("CSV");
        this.raw = format.startsWith("TabSeparatedRaw");
        this.pretty = format.startsWith("Pretty");
    }

    @Override
    String format() {
        return format;
    }

    @Override
    String contentType() {
        return csv ? "text/csv; charset=UTF-8" : "text/tab-separated-values; charset=UTF-8";
    }

    @Override
    void begin(List<String> names, List<io.tealdb.types.LogicalType> types, List<ChType> declared) {
        super.begin(names, types, declared);
        boolean withNames = format.endsWith("WithNames") || format.endsWith("WithNamesAndTypes");
        boolean withTypes = format.endsWith("WithNamesAndTypes");
        if (withNames) headerLine(names);
        if (withTypes) {
            List<String> t = new ArrayList<>();
            for (ChType c : declared) t.add(c.name());
            headerLine(t);
        }
    }

    private void headerLine(List<String> values) {
        sb.setLength(0);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) sb.append(csv ? ',' : '\t');
            if (csv) csvQuote(values.get(i));
            else if (raw) sb.append(values.get(i));
            else ChText.escape(sb, values.get(i), true);
        }
        sb.append('\n');
        out.utf8(sb);
    }

    private void csvQuote(String s) {
        sb.append('"').append(s.replace("\"", "\"\"")).append('"');
    }

    /** The value of column c as text (in the column's declared ClickHouse type); NULL is the caller's. */
    private String text(Vector v, int r, int c) {
        StringBuilder t = new StringBuilder();
        ChText.append(t, v, r, declaredType(c));
        return t.toString();
    }

    private ChType declaredType(int c) {
        return declared == null || c >= declared.size() ? null : declared.get(c);
    }

    @Override
    void chunk(DataChunk chunk) {
        int cols = names.size();
        for (int r = 0; r < chunk.size(); r++) {
            rowsSoFar++;
            if (pretty) {
                String[] row = new String[cols];
                for (int c = 0; c < cols; c++) {
                    Vector v = chunk.column(c);
                    row[c] = v.isNull(r) ? "ᴺᵁᴸᴸ" : text(v, r, c);
                }
                if (prettyRows.size() < 10_000) prettyRows.add(row);
                continue;
            }
            sb.setLength(0);
            switch (format) {
                case "TSKV" -> {
                    for (int c = 0; c < cols; c++) {
                        if (c > 0) sb.append('\t');
                        ChText.escape(sb, names.get(c).replace("=", "\\="), false);
                        sb.append('=');
                        Vector v = chunk.column(c);
                        if (v.isNull(r)) sb.append("\\N");
                        else ChText.escape(sb, text(v, r, c).replace("=", "\\="), false);
                    }
                    sb.append('\n');
                }
                case "Values" -> {
                    if (rowsSoFar > 1) sb.append(',');
                    sb.append('(');
                    for (int c = 0; c < cols; c++) {
                        if (c > 0) sb.append(',');
                        Vector v = chunk.column(c);
                        if (!v.isNull(r) && ChText.isStringLike(v.type)) ChText.quote(sb, text(v, r, c));
                        else ChText.literal(sb, v, r);
                    }
                    sb.append(')');
                }
                case "Vertical" -> {
                    sb.append("Row ").append(rowsSoFar).append(":\n").append("──────\n");
                    for (int c = 0; c < cols; c++) {
                        Vector v = chunk.column(c);
                        sb.append(names.get(c)).append(": ").append(v.isNull(r) ? "ᴺᵁᴸᴸ" : text(v, r, c)).append('\n');
                    }
                    sb.append('\n');
                }
                default -> {
                    for (int c = 0; c < cols; c++) {
                        if (c > 0) sb.append(csv ? ',' : '\t');
                        Vector v = chunk.column(c);
                        if (v.isNull(r)) {
                            sb.append("\\N");
                        } else if (csv) {
                            String s = text(v, r, c);
                            if (ChText.isStringLike(v.type) || v.type.isNested()) csvQuote(s);
                            else sb.append(s);
                        } else if (raw) {
                            ChText.append(sb, v, r, declaredType(c));
                        } else {
                            ChText.escape(sb, text(v, r, c), true);
                        }
                    }
                    sb.append('\n');
                }
            }
            out.utf8(sb);
        }
    }

    @Override
    void end(long rows, long elapsedNanos, long bytesRead) {
        if (!pretty) return;
        int cols = names.size();
        int[] width = new int[cols];
        for (int c = 0; c < cols; c++) width[c] = names.get(c).length();
        for (String[] row : prettyRows) for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], row[c].length());
        boolean compact = format.startsWith("PrettyCompact");
        boolean space = format.equals("PrettySpace");
        sb.setLength(0);
        if (space) {
            line(names.toArray(new String[0]), width, "", "  ", "");
            for (String[] row : prettyRows) line(row, width, "", "  ", "");
        } else if (compact) {
            border(width, "┌─", "─┬─", "─┐", names);
            for (String[] row : prettyRows) line(row, width, "│ ", " │ ", " │");
            border(width, "└─", "─┴─", "─┘", null);
        } else {
            border(width, "┏━", "━┳━", "━┓", null);
            line(names.toArray(new String[0]), width, "┃ ", " ┃ ", " ┃");
            border(width, "┡━", "━╇━", "━┩", null);
            for (int i = 0; i < prettyRows.size(); i++) {
                line(prettyRows.get(i), width, "│ ", " │ ", " │");
                if (i + 1 < prettyRows.size()) border(width, "├─", "─┼─", "─┤", null);
            }
            border(width, "└─", "─┴─", "─┘", null);
        }
        if (rows > prettyRows.size()) sb.append("  Showed ").append(prettyRows.size()).append(" out of ").append(rows).append(" rows.\n");
        out.utf8(sb);
    }

    private void border(int[] width, String left, String mid, String right, List<String> titles) {
        sb.append(left);
        for (int c = 0; c < width.length; c++) {
            if (c > 0) sb.append(mid);
            String title = titles == null ? "" : titles.get(c);
            sb.append(title);
            char fill = left.contains("━") ? '━' : '─';
            sb.append(String.valueOf(fill).repeat(width[c] - title.length()));
        }
        sb.append(right).append('\n');
    }

    private void line(String[] values, int[] width, String left, String mid, String right) {
        sb.append(left);
        for (int c = 0; c < width.length; c++) {
            if (c > 0) sb.append(mid);
            boolean number = types.get(c).isNumeric();
            String v = values[c];
            String pad = " ".repeat(width[c] - v.length());
            if (number) sb.append(pad).append(v);
            else sb.append(v).append(pad);
        }
        sb.append(right).append('\n');
    }
}
