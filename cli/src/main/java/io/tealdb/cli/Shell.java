package io.tealdb.cli;

import io.tealdb.BoxRenderer;
import io.tealdb.Connection;
import io.tealdb.Result;
import io.tealdb.SqlText;
import io.tealdb.error.TealException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shell's command interpreter, independent of where lines come from (JLine, stdin, -c):
 * collects lines until a statement ends with ';', runs SQL, handles dot commands, prints results
 * in the current {@link OutputMode} and errors as {@code Error: <kind>: <message>} with a caret
 * under the error position. Stack traces only with --debug.
 */
public final class Shell {
    /** Hooks the interactive front end installs around a running statement (progress bar, Ctrl-C). */
    public interface QueryObserver {
        void started(Connection connection);

        void finished();
    }

    private static final QueryObserver NO_OBSERVER = new QueryObserver() {
        @Override
        public void started(Connection connection) {
        }

        @Override
        public void finished() {
        }
    };

    private final Connection connection;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean debug;
    private final StringBuilder buffer = new StringBuilder();
    private OutputMode mode = OutputMode.BOX;
    private boolean timer;
    private int maxRows = BoxRenderer.DEFAULT_MAX_ROWS;
    private int maxWidth = BoxRenderer.DEFAULT_MAX_WIDTH;
    private boolean hadError;
    private QueryObserver observer = NO_OBSERVER;

    public Shell(Connection connection, PrintStream out, PrintStream err, boolean debug) {
        this.connection = connection;
        this.out = out;
        this.err = err;
        this.debug = debug;
    }

    public void setObserver(QueryObserver observer) {
        this.observer = observer == null ? NO_OBSERVER : observer;
    }

    public void setMaxWidth(int width) {
        this.maxWidth = Math.max(20, width);
    }

    public void setMode(OutputMode mode) {
        this.mode = mode;
    }

    public OutputMode mode() {
        return mode;
    }

    /** True if any statement or command failed so far (the exit code of scripts). */
    public boolean hadError() {
        return hadError;
    }

    /** True while the input buffer holds an unfinished statement. */
    public boolean inStatement() {
        return !buffer.toString().isBlank();
    }

    public void clearBuffer() {
        buffer.setLength(0);
    }

    /** Feeds one input line; returns false when the shell should exit (.quit). */
    public boolean processLine(String line) {
        if (!inStatement() && line.strip().startsWith(".")) {
            buffer.setLength(0);
            return dotCommand(line.strip());
        }
        buffer.append(line).append('\n');
        String text = buffer.toString();
        if (SqlText.isComplete(text)) {
            buffer.setLength(0);
            runSql(text);
        }
        return true;
    }

    /** Runs what is left in the buffer at end of input, even without a final ';'. */
    public void finish() {
        String text = buffer.toString();
        buffer.setLength(0);
        if (!text.isBlank()) {
            runSql(text);
        }
    }

    /** Runs every statement of {@code sql}; stops at the first error. Returns false on error. */
    public boolean runSql(String sql) {
        for (SqlText.Statement s : SqlText.split(sql)) {
            if (!runStatement(s.text())) {
                return false;
            }
        }
        return true;
    }

    private boolean runStatement(String sql) {
        long start = System.nanoTime();
        observer.started(connection);
        try (Result result = connection.execute(sql)) {
            if (result.hasResultSet()) {
                ResultPrinter.print(result, mode, new BoxRenderer(maxRows, maxWidth), out);
            }
        } catch (RuntimeException e) {
            observer.finished();
            printError(e, sql);
            return false;
        }
        observer.finished();
        if (timer) {
            out.printf(Locale.ROOT, "Run Time (s): real %.3f%n", (System.nanoTime() - start) / 1e9);
        }
        return true;
    }

    /** Error: Kind: message, then for SQL errors the line of the statement and a caret under the position. */
    void printError(Throwable e, String sql) {
        hadError = true;
        if (e instanceof TealException te) {
            err.println("Error: " + Shell.describe(te));
            int pos = te.position();
            if (sql != null && pos >= 0 && pos <= sql.length()) {
                err.print(caret(sql, pos));
            }
        } else {
            err.println("Error: INTERNAL Error: " + e);
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /** "Kind: message"; a plain TealException (kind "Error") prints just its message after "Error: ". */
    static String describe(TealException e) {
        return e.kind().equals("Error") ? e.getMessage() : e.describe();
    }

    /** {@code LINE n: text} and a caret line under character {@code pos} of {@code sql}. */
    static String caret(String sql, int pos) {
        int lineStart = sql.lastIndexOf('\n', pos - 1) + 1;
        int lineEnd = sql.indexOf('\n', pos);
        if (lineEnd < 0) {
            lineEnd = sql.length();
        }
        int lineNo = 1;
        for (int i = 0; i < lineStart; i++) {
            if (sql.charAt(i) == '\n') {
                lineNo++;
            }
        }
        String prefix = "LINE " + lineNo + ": ";
        String text = sql.substring(lineStart, lineEnd).replace('\t', ' ');
        int col = BoxRenderer.displayWidth(sql.substring(lineStart, pos).replace('\t', ' '));
        return prefix + text + "\n" + " ".repeat(prefix.length() + col) + "^\n";
    }

    // ---------------------------------------------------------------- dot commands

    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put(".exit", "Exit the shell (also .quit, Ctrl-D)");
        HELP.put(".help", "Show this help");
        HELP.put(".maxrows N", "Rows a box shows before eliding the middle (default 40)");
        HELP.put(".mode MODE", "Output mode: box, csv, json, markdown, line");
        HELP.put(".quit", "Exit the shell");
        HELP.put(".schema [TABLE]", "Show CREATE TABLE statements (of tables matching TABLE)");
        HELP.put(".tables [PATTERN]", "List tables (names matching the LIKE pattern)");
        HELP.put(".timer on|off", "Print how long each statement took");
    }

    /** Runs a dot command; returns false to exit. */
    boolean dotCommand(String line) {
        String[] words = line.split("\\s+");
        String cmd = words[0].toLowerCase(Locale.ROOT);
        String arg = words.length > 1 ? words[1] : null;
        switch (cmd) {
            case ".quit", ".exit" -> {
                return false;
            }
            case ".help" -> {
                for (Map.Entry<String, String> e : HELP.entrySet()) {
                    out.printf("%-20s %s%n", e.getKey(), e.getValue());
                }
            }
            case ".mode" -> {
                if (arg == null) {
                    out.println("current output mode: " + mode.name().toLowerCase(Locale.ROOT));
                } else {
                    OutputMode m = OutputMode.parse(arg);
                    if (m == null) {
                        commandError("unknown mode '" + arg + "': use box, csv, json, markdown or line");
                    } else {
                        mode = m;
                    }
                }
            }
            case ".timer" -> {
                if ("on".equalsIgnoreCase(arg)) {
                    timer = true;
                } else if ("off".equalsIgnoreCase(arg)) {
                    timer = false;
                } else {
                    commandError("usage: .timer on|off");
                }
            }
            case ".maxrows" -> {
                try {
                    maxRows = Math.max(2, Integer.parseInt(arg));
                } catch (NumberFormatException | NullPointerException e) {
                    commandError("usage: .maxrows N");
                }
            }
            case ".tables" -> tables(arg);
            case ".schema" -> schema(arg);
            default -> commandError("unknown command '" + words[0] + "': enter .help for a list of commands");
        }
        out.flush();
        return true;
    }

    private void commandError(String message) {
        hadError = true;
        err.println("Error: " + message);
        err.flush();
    }

    /** Rows of a catalog query as strings, or null after printing the error. */
    private List<String[]> catalogRows(String sql) {
        List<String[]> rows = new ArrayList<>();
        try (Result r = connection.execute(sql)) {
            for (Object[] row : r.fetchAll()) {
                String[] s = new String[row.length];
                for (int i = 0; i < row.length; i++) {
                    s[i] = row[i] == null ? null : row[i].toString();
                }
                rows.add(s);
            }
            return rows;
        } catch (RuntimeException e) {
            printError(e, sql);
            return null;
        }
    }

    private static String likeFilter(String column, String pattern) {
        return pattern == null ? "" : " AND " + column + " LIKE " + io.tealdb.JavaValues.quote(pattern);
    }

    private void tables(String pattern) {
        List<String[]> rows = catalogRows("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema NOT IN ('information_schema', 'pg_catalog')" + likeFilter("table_name", pattern)
                + " ORDER BY table_name");
        if (rows == null || rows.isEmpty()) {
            return;
        }
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, BoxRenderer.displayWidth(r[0]));
        }
        int perLine = Math.max(1, (maxWidth + 2) / (width + 2));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String name = rows.get(i)[0];
            boolean last = (i + 1) % perLine == 0 || i + 1 == rows.size();
            sb.append(name);
            if (last) {
                out.println(sb.toString().stripTrailing());
                sb.setLength(0);
            } else {
                sb.append(" ".repeat(width - BoxRenderer.displayWidth(name) + 2));
            }
        }
    }

    private void schema(String table) {
        List<String[]> rows = catalogRows("SELECT table_schema, table_name, column_name, data_type, is_nullable"
                + " FROM information_schema.columns WHERE table_schema NOT IN ('information_schema', 'pg_catalog')"
                + likeFilter("table_name", table) + " ORDER BY table_schema, table_name, ordinal_position");
        if (rows == null) {
            return;
        }
        String current = null;
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            String qualified = (r[0] == null || r[0].equals("main") ? "" : quoteIfNeeded(r[0]) + ".") + quoteIfNeeded(r[1]);
            if (!qualified.equals(current)) {
                if (current != null) {
                    sb.append(");\n");
                }
                current = qualified;
                sb.append("CREATE TABLE ").append(qualified).append('(');
            } else {
                sb.append(", ");
            }
            sb.append(quoteIfNeeded(r[2])).append(' ').append(r[3]);
            if ("NO".equalsIgnoreCase(r[4])) {
                sb.append(" NOT NULL");
            }
        }
        if (current != null) {
            sb.append(");\n");
        }
        out.print(sb);
    }

    private static String quoteIfNeeded(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : io.tealdb.JavaValues.quoteIdentifier(name);
    }
}
