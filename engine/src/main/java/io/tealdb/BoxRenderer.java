package io.tealdb;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a result as a DuckDB-style box: column names and lower-case type names in the header,
 * numbers right-aligned, NULL as {@code NULL}. When there are more than {@code maxRows} rows the
 * middle rows are elided (three rows of {@code ·}); when the box would be wider than
 * {@code maxWidth} wide values are truncated with {@code …} and then middle columns are elided;
 * a footer then tells how many rows/columns exist and how many are shown.
 *
 * <p>Use {@link #collector} to feed a stream of chunks: only the first and last rows that can be
 * shown are kept, so rendering a huge result needs little memory.
 */
public final class BoxRenderer {
    /** DuckDB shell default. */
    public static final int DEFAULT_MAX_ROWS = 40;
    public static final int DEFAULT_MAX_WIDTH = 120;
    /** Width a column is shrunk to before columns are elided. */
    public static final int MAX_COLUMN_WIDTH = 20;
    static final String NULL_TEXT = "NULL";

    private final int maxRows;
    private final int maxWidth;

    public BoxRenderer(int maxRows, int maxWidth) {
        this.maxRows = Math.max(2, maxRows);
        this.maxWidth = Math.max(20, maxWidth);
    }

    public BoxRenderer() {
        this(DEFAULT_MAX_ROWS, DEFAULT_MAX_WIDTH);
    }

    /** Collects rows (as display strings) of a result for rendering. */
    public Collector collector(List<String> names, List<LogicalType> types) {
        return new Collector(names, types);
    }

    public final class Collector {
        private java.time.ZoneId zone = java.time.ZoneOffset.UTC;

        /** Shows TIMESTAMP WITH TIME ZONE values in {@code zone} (the session's). */
        public Collector withTimeZone(java.time.ZoneId zone) {
            this.zone = zone;
            return this;
        }

        private final List<String> names;
        private final List<LogicalType> types;
        private final List<String[]> head = new ArrayList<>();
        private final ArrayDeque<String[]> tail = new ArrayDeque<>();
        private final int headLimit;
        private final int tailLimit;
        private long total;

        private Collector(List<String> names, List<LogicalType> types) {
            this.names = List.copyOf(names);
            this.types = List.copyOf(types);
            this.headLimit = maxRows - maxRows / 2;
            this.tailLimit = maxRows / 2;
        }

        /** Adds one row of display strings (null = NULL). */
        public void add(String[] row) {
            total++;
            if (head.size() < headLimit) {
                head.add(row);
                return;
            }
            tail.addLast(row);
            if (tail.size() > tailLimit) {
                tail.removeFirst();
            }
        }

        /** Adds every row of a chunk, formatted with {@link ValueFormatter#sqlString}. */
        public void add(DataChunk chunk) {
            int cols = chunk.columnCount();
            for (int r = 0; r < chunk.size(); r++) {
                // rows that can never be shown need not be formatted
                if (head.size() >= headLimit && tailLimit == 0) {
                    total++;
                    continue;
                }
                String[] row = new String[cols];
                for (int c = 0; c < cols; c++) {
                    row[c] = ValueFormatter.sqlString(chunk.column(c), r, zone);
                }
                add(row);
            }
        }

        public long rowCount() {
            return total;
        }

        public String render() {
            List<String[]> rows = new ArrayList<>(head);
            boolean elided = total > head.size() + tail.size();
            int splitAt = rows.size();
            rows.addAll(tail);
            return BoxRenderer.this.render(names, types, rows, elided ? splitAt : -1, total);
        }
    }

    /** Renders fully materialized rows (null cells are NULL), eliding rows beyond maxRows. */
    public String render(List<String> names, List<LogicalType> types, List<String[]> rows) {
        Collector c = collector(names, types);
        for (String[] r : rows) {
            c.add(r);
        }
        return c.render();
    }

    private String render(List<String> names, List<LogicalType> types, List<String[]> rows, int elisionRow, long totalRows) {
        int n = names.size();
        String[] typeNames = new String[n];
        int[] width = new int[n];
        boolean[] right = new boolean[n];
        for (int c = 0; c < n; c++) {
            typeNames[c] = ValueFormatter.boxTypeName(types.get(c));
            right[c] = types.get(c).isNumeric();
            width[c] = Math.max(displayWidth(clean(names.get(c))), displayWidth(typeNames[c]));
            for (String[] row : rows) {
                width[c] = Math.max(width[c], displayWidth(row[c] == null ? NULL_TEXT : clean(row[c])));
            }
        }
        // 1) shrink wide columns, 2) elide middle columns
        if (boxWidth(width, allColumns(n)) > maxWidth) {
            for (int c = 0; c < n; c++) {
                width[c] = Math.min(width[c], MAX_COLUMN_WIDTH);
            }
        }
        List<Integer> shown = allColumns(n);
        boolean columnsElided = false;
        if (boxWidth(width, shown) > maxWidth) {
            columnsElided = true;
            shown = chooseColumns(width);
        }
        // the "…" placeholder column sits where the elided columns were
        int gapAfter = -1;
        if (columnsElided) {
            for (int i = 0; i + 1 < shown.size(); i++) {
                if (shown.get(i + 1) != shown.get(i) + 1) {
                    gapAfter = i;
                }
            }
            if (gapAfter < 0) {
                gapAfter = shown.size() - 1;
            }
        }
        List<Cell> layout = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            int c = shown.get(i);
            layout.add(new Cell(c, width[c], right[c]));
            if (i == gapAfter) {
                layout.add(new Cell(-1, 1, false));
            }
        }

        List<String> footer = new ArrayList<>();
        if (rows.isEmpty()) {
            footer.add("0 rows");
        }
        if (elisionRow >= 0) {
            footer.add(totalRows + " rows");
            footer.add("(" + rows.size() + " shown)");
        }
        if (columnsElided) {
            footer.add(n + " columns");
            footer.add("(" + shown.size() + " shown)");
        }
        // a footer part never breaks: widen the last column until the longest part fits
        int inner = -1;
        for (Cell c : layout) {
            inner += c.width() + 3;
        }
        int need = 0;
        for (String part : footer) {
            need = Math.max(need, displayWidth(part) + 2);
        }
        if (inner < need) {
            Cell last = layout.removeLast();
            layout.add(new Cell(last.column(), last.width() + need - inner, last.right()));
        }

        StringBuilder sb = new StringBuilder();
        border(sb, layout, '┌', '┬', '┐');
        line(sb, layout, c -> clean(names.get(c)), true);
        line(sb, layout, c -> typeNames[c], true);
        border(sb, layout, '├', '┼', '┤');
        if (rows.isEmpty()) {
            footerOrEmpty(sb, layout, footer, false);
            return sb.toString();
        }
        for (int r = 0; r < rows.size(); r++) {
            if (r == elisionRow) {
                for (int k = 0; k < 3; k++) {
                    line(sb, layout, c -> "·", false);
                }
            }
            String[] row = rows.get(r);
            line(sb, layout, c -> row[c] == null ? NULL_TEXT : clean(row[c]), false);
        }
        if (footer.isEmpty()) {
            border(sb, layout, '└', '┴', '┘');
        } else {
            footerOrEmpty(sb, layout, footer, true);
        }
        return sb.toString();
    }

    private record Cell(int column, int width, boolean right) {
    }

    private static List<Integer> allColumns(int n) {
        List<Integer> all = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            all.add(c);
        }
        return all;
    }

    private static int boxWidth(int[] width, List<Integer> shown) {
        int w = 1;
        for (int c : shown) {
            w += width[c] + 3;
        }
        return w;
    }

    /** Keeps columns from both ends, alternating, while the box (with a "…" column) fits. */
    private List<Integer> chooseColumns(int[] width) {
        int n = width.length;
        int budget = maxWidth - 1 - 4; // borders and the "…" column
        List<Integer> left = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        int l = 0;
        int r = n - 1;
        boolean takeLeft = true;
        while (l <= r) {
            int c = takeLeft ? l : r;
            if (width[c] + 3 > budget) {
                break;
            }
            budget -= width[c] + 3;
            if (takeLeft) {
                left.add(l++);
            } else {
                right.add(0, r--);
            }
            takeLeft = !takeLeft;
        }
        if (left.isEmpty()) {
            left.add(0); // always show something
        }
        left.addAll(right);
        return left;
    }

    private interface CellText {
        String text(int column);
    }

    private static void border(StringBuilder sb, List<Cell> layout, char l, char mid, char r) {
        sb.append(l);
        for (int i = 0; i < layout.size(); i++) {
            if (i > 0) {
                sb.append(mid);
            }
            sb.append("─".repeat(layout.get(i).width() + 2));
        }
        sb.append(r).append('\n');
    }

    private static void line(StringBuilder sb, List<Cell> layout, CellText text, boolean center) {
        sb.append('│');
        for (Cell cell : layout) {
            String t = cell.column() < 0 ? "…" : text.text(cell.column());
            t = truncate(t, cell.width());
            int pad = cell.width() - displayWidth(t);
            sb.append(' ');
            if (center || t.equals("·") && !cell.right()) {
                int leftPad = pad / 2;
                sb.append(" ".repeat(leftPad)).append(t).append(" ".repeat(pad - leftPad));
            } else if (cell.right()) {
                sb.append(" ".repeat(pad)).append(t);
            } else {
                sb.append(t).append(" ".repeat(pad));
            }
            sb.append(" │");
        }
        sb.append('\n');
    }

    /** A full-width footer (or the "0 rows" line of an empty result) under a joined separator. */
    private static void footerOrEmpty(StringBuilder sb, List<Cell> layout, List<String> parts, boolean separator) {
        int inner = -1;
        for (Cell c : layout) {
            inner += c.width() + 3;
        }
        if (separator) {
            border(sb, layout, '├', '┴', '┤');
        } else {
            // replace the header separator's crossings: the body is one wide cell
            int lastLine = sb.lastIndexOf("├");
            sb.setLength(lastLine);
            border(sb, layout, '├', '┴', '┤');
        }
        // greedily join parts into lines that fit the inner width
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String p : parts) {
            if (cur.isEmpty()) {
                cur.append(p);
            } else if (cur.length() + 1 + p.length() <= inner - 2) {
                cur.append(' ').append(p);
            } else {
                lines.add(cur.toString());
                cur.setLength(0);
                cur.append(p);
            }
        }
        lines.add(cur.toString());
        for (String text : lines) {
            String t = truncate(text, inner - 2);
            int pad = inner - 2 - displayWidth(t);
            int leftPad = pad / 2;
            sb.append("│ ").append(" ".repeat(leftPad)).append(t).append(" ".repeat(pad - leftPad)).append(" │\n");
        }
        sb.append('└').append("─".repeat(inner)).append("┘\n");
    }

    /** Control characters would break the box: show them escaped. */
    static String clean(String s) {
        if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0 && s.indexOf('\t') < 0) {
            return s;
        }
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ");
    }

    static String truncate(String s, int width) {
        if (displayWidth(s) <= width) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = codePointWidth(cp);
            if (w + cw > width - 1) {
                break;
            }
            sb.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        return sb.append('…').toString();
    }

    /** Terminal columns a string occupies (East Asian wide characters take two). */
    public static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += codePointWidth(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    private static int codePointWidth(int cp) {
        if (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD))) {
            return 2;
        }
        return 1;
    }
}
