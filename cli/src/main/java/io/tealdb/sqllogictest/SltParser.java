package io.tealdb.sqllogictest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Parses DuckDB-flavoured sqllogictest files into {@link SltRecord}s, following
 * shared/sqllogictest/FORMAT.md sections 1-4, 8, 9 and 11. {@code mode skip}/{@code mode unskip}
 * are applied here (records inside a skip block are dropped), loops are nested into
 * {@link SltRecord.Loop} bodies.
 */
public final class SltParser {

    private final List<String> lines;
    private int pos;
    private int skipDepth;

    private SltParser(List<String> lines) {
        this.lines = lines;
    }

    public static List<SltRecord> parse(Path file) throws IOException, SltParseException {
        return parse(Files.readAllBytes(file));
    }

    public static List<SltRecord> parse(byte[] content) throws SltParseException {
        // JDBC takes java.lang.String, so invalid UTF-8 cannot reach the engine byte-exactly; a
        // lenient decode (replacement characters) is the closest a JDBC-only runner can get.
        return parse(new String(content, StandardCharsets.UTF_8));
    }

    public static List<SltRecord> parse(String content) throws SltParseException {
        List<String> lines = new ArrayList<>();
        for (String l : content.split("\n", -1)) {
            lines.add(l.indexOf('\r') >= 0 ? l.replace("\r", "") : l);
        }
        return new SltParser(lines).parseAll();
    }

    static boolean isEmptyOrComment(String line) {
        return line.isEmpty() || line.charAt(0) == '#';
    }

    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        for (String t : line.trim().split("\\s+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private List<SltRecord> parseAll() throws SltParseException {
        Deque<List<SltRecord>> stack = new ArrayDeque<>();
        Deque<SltRecord.Loop> openLoops = new ArrayDeque<>();
        List<SltRecord> current = new ArrayList<>();
        while (true) {
            while (pos < lines.size() && isEmptyOrComment(lines.get(pos))) {
                pos++;
            }
            if (pos >= lines.size()) {
                break;
            }
            int start = pos;
            List<String> tok = tokens(lines.get(pos));
            if (tok.isEmpty()) { // a line of blanks: not empty per spec, but carries nothing
                pos++;
                continue;
            }
            List<SltRecord.Condition> conditions = new ArrayList<>();
            while (tok.get(0).equals("skipif") || tok.get(0).equals("onlyif")) {
                if (tok.size() < 2) {
                    throw new SltParseException(pos + 1, tok.get(0) + " needs a parameter");
                }
                conditions.add(new SltRecord.Condition(tok.get(0).equals("skipif"), tok.get(1)));
                pos++;
                if (pos >= lines.size() || isEmptyOrComment(lines.get(pos))) {
                    throw new SltParseException(start + 1, "condition not followed by a statement, query or continue");
                }
                tok = tokens(lines.get(pos));
            }
            int line = pos + 1;
            String directive = tok.get(0);
            SltRecord rec = null;
            switch (directive) {
                case "statement" -> rec = parseStatement(line, tok, conditions);
                case "query" -> rec = parseQuery(line, tok, conditions);
                case "loop", "foreach", "concurrentloop", "concurrentforeach" -> {
                    boolean foreach = directive.endsWith("foreach");
                    if (foreach ? tok.size() < 3 : tok.size() != 4) {
                        throw new SltParseException(line, "malformed " + directive);
                    }
                    List<String> names = foreach ? List.of(tok.get(1).split(",")) : List.of(tok.get(1));
                    SltRecord.Loop loop = new SltRecord.Loop(line, foreach, directive.startsWith("concurrent"),
                            names, List.copyOf(tok.subList(2, tok.size())), new ArrayList<>());
                    current.add(loop);
                    stack.push(current);
                    openLoops.push(loop);
                    current = loop.body();
                    pos++;
                }
                case "endloop" -> {
                    if (openLoops.isEmpty()) {
                        throw new SltParseException(line, "endloop without loop");
                    }
                    openLoops.pop();
                    current = stack.pop();
                    pos++;
                }
                case "continue" -> {
                    rec = new SltRecord.Continue(line, List.copyOf(conditions));
                    pos++;
                }
                case "require" -> {
                    if (tok.size() < 2) {
                        throw new SltParseException(line, "require needs a parameter");
                    }
                    rec = new SltRecord.Require(line, tok.get(1), List.copyOf(tok.subList(2, tok.size())));
                    pos++;
                }
                case "require-env" -> {
                    if (tok.size() < 2) {
                        throw new SltParseException(line, "require-env needs a parameter");
                    }
                    rec = new SltRecord.RequireEnv(line, tok.get(1), tok.size() > 2 ? tok.get(2) : null);
                    pos++;
                }
                case "test-env" -> {
                    if (tok.size() < 3) {
                        throw new SltParseException(line, "test-env needs NAME DEFAULT");
                    }
                    rec = new SltRecord.TestEnv(line, tok.get(1), tok.get(2));
                    pos++;
                }
                case "mode" -> {
                    if (tok.size() < 2) {
                        throw new SltParseException(line, "mode needs a parameter");
                    }
                    String m = tok.get(1);
                    if (m.equals("skip")) {
                        skipDepth++;
                    } else if (m.equals("unskip")) {
                        skipDepth = Math.max(0, skipDepth - 1);
                    } else {
                        rec = new SltRecord.Mode(line, m);
                    }
                    pos++;
                }
                case "set" -> {
                    rec = new SltRecord.Set(line, List.copyOf(tok.subList(1, tok.size())), lines.get(pos));
                    pos++;
                }
                case "reset" -> {
                    rec = new SltRecord.Reset(line, List.copyOf(tok.subList(1, tok.size())));
                    pos++;
                }
                case "hash-threshold" -> {
                    try {
                        rec = new SltRecord.HashThreshold(line, Integer.parseInt(tok.get(1)));
                    } catch (RuntimeException e) {
                        throw new SltParseException(line, "malformed hash-threshold");
                    }
                    pos++;
                }
                case "halt" -> {
                    rec = new SltRecord.Halt(line);
                    pos++;
                }
                case "reconnect" -> {
                    rec = new SltRecord.Reconnect(line);
                    pos++;
                }
                case "sleep" -> {
                    rec = new SltRecord.Sleep(line, parseSleep(line, tok));
                    pos++;
                }
                case "tags" -> pos++;
                case "load", "restart", "unzip", "include" -> {
                    rec = new SltRecord.Unsupported(line, directive, directive + " is not supported by this runner");
                    pos++;
                }
                default -> throw new SltParseException(line, "unknown directive '" + directive + "'");
            }
            if (rec != null && !(skipDepth > 0 && isStatementOrQuery(rec))) {
                current.add(rec);
            }
            // skip the remaining lines of this record
            while (pos < lines.size() && !isEmptyOrComment(lines.get(pos))) {
                pos++;
            }
        }
        if (!openLoops.isEmpty()) {
            throw new SltParseException(openLoops.peek().line(), "loop without endloop");
        }
        return current;
    }

    private static boolean isStatementOrQuery(SltRecord r) {
        return r instanceof SltRecord.Statement || r instanceof SltRecord.Query;
    }

    private static long parseSleep(int line, List<String> tok) throws SltParseException {
        if (tok.size() < 3) {
            throw new SltParseException(line, "sleep needs N unit");
        }
        long n;
        try {
            n = Long.parseLong(tok.get(1));
        } catch (NumberFormatException e) {
            throw new SltParseException(line, "malformed sleep");
        }
        String unit = tok.get(2).toLowerCase(Locale.ROOT);
        if (unit.startsWith("second")) {
            return n * 1_000_000_000L;
        } else if (unit.startsWith("millisecond")) {
            return n * 1_000_000L;
        } else if (unit.startsWith("microsecond")) {
            return n * 1_000L;
        } else if (unit.startsWith("nanosecond")) {
            return n;
        }
        throw new SltParseException(line, "unknown sleep unit " + unit);
    }

    /** SQL: lines after the directive up to an empty line, a comment line or {@code ----}. */
    private String readSql() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < lines.size()) {
            String l = lines.get(pos);
            if (isEmptyOrComment(l) || l.equals("----")) {
                break;
            }
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(l);
            pos++;
        }
        return sb.toString();
    }

    /** Lines after {@code ----} up to the first empty line (comment-looking lines included). */
    private List<String> readBlockAfterSeparator() {
        List<String> out = new ArrayList<>();
        pos++; // the ---- line
        while (pos < lines.size() && !lines.get(pos).isEmpty()) {
            out.add(lines.get(pos));
            pos++;
        }
        return out;
    }

    private SltRecord parseStatement(int line, List<String> tok, List<SltRecord.Condition> conds)
            throws SltParseException {
        if (tok.size() < 2) {
            throw new SltParseException(line, "statement needs ok, error or maybe");
        }
        SltRecord.ExpectedOutcome outcome = switch (tok.get(1)) {
            case "ok" -> SltRecord.ExpectedOutcome.OK;
            case "error" -> SltRecord.ExpectedOutcome.ERROR;
            case "maybe" -> SltRecord.ExpectedOutcome.MAYBE;
            default -> throw new SltParseException(line, "unknown statement kind '" + tok.get(1) + "'");
        };
        String connection = tok.size() > 2 ? tok.get(2) : null;
        String sql = readSql();
        String expectedError = null;
        if (pos < lines.size() && lines.get(pos).equals("----")) {
            if (outcome == SltRecord.ExpectedOutcome.OK) {
                throw new SltParseException(line, "statement ok must not have an expected result");
            }
            expectedError = String.join("\n", readBlockAfterSeparator());
        }
        if (sql.isEmpty()) {
            throw new SltParseException(line, "statement without SQL");
        }
        return new SltRecord.Statement(line, List.copyOf(conds), outcome, connection, sql, expectedError);
    }

    private SltRecord parseQuery(int line, List<String> tok, List<SltRecord.Condition> conds)
            throws SltParseException {
        if (tok.size() < 2) {
            throw new SltParseException(line, "query needs column letters");
        }
        String letters = tok.get(1);
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            if (c != 'I' && c != 'T' && c != 'R') {
                throw new SltParseException(line, "unknown column type letter '" + c + "' in " + letters);
            }
        }
        SltRecord.SortMode sort = SltRecord.SortMode.NOSORT;
        String connection = null;
        String label = null;
        if (tok.size() > 2) {
            switch (tok.get(2)) {
                case "nosort", "none" -> sort = SltRecord.SortMode.NOSORT;
                case "rowsort", "sort" -> sort = SltRecord.SortMode.ROWSORT;
                case "valuesort" -> sort = SltRecord.SortMode.VALUESORT;
                default -> connection = tok.get(2);
            }
        }
        if (tok.size() > 3) {
            label = tok.get(3);
        }
        String sql = readSql();
        if (sql.isEmpty()) {
            throw new SltParseException(line, "query without SQL");
        }
        List<String> expected;
        if (pos < lines.size() && lines.get(pos).equals("----")) {
            expected = readBlockAfterSeparator();
        } else {
            // without ----, the record ends with its SQL (at an empty or comment line): zero rows expected
            expected = List.of();
        }
        return new SltRecord.Query(line, List.copyOf(conds), letters.length(), sort, connection, label, sql,
                List.copyOf(expected));
    }
}
