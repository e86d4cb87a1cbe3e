package io.tealdb.cli;

import io.tealdb.Connection;
import io.tealdb.Database;
import io.tealdb.parser.ParserException;
import io.tealdb.session.ClientContext;
import io.tealdb.session.QueryResult;
import io.tealdb.session.TableAppender;
import io.tealdb.types.LogicalType;
import io.tealdb.types.Value;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ShellTest {
    /** A minimal engine: fixed answers for a few statements, a parser error for anything with "FORM". */
    static final class Fake implements io.tealdb.session.Database, ClientContext {
        final Map<String, Object[][]> rows = new HashMap<>();
        final Map<String, List<String>> names = new HashMap<>();
        final Map<String, List<LogicalType>> types = new HashMap<>();
        final List<String> executed = new ArrayList<>();

        void answer(String sql, List<String> n, List<LogicalType> t, Object[]... r) {
            names.put(sql, n);
            types.put(sql, t);
            rows.put(sql, r);
        }

        @Override
        public ClientContext connect() {
            return this;
        }

        @Override
        public QueryResult execute(String sql, List<Value> params) {
            executed.add(sql);
            int bad = sql.indexOf("FORM");
            if (bad >= 0) {
                throw new ParserException("syntax error at or near \"FORM\"", bad);
            }
            List<String> n = names.getOrDefault(sql, List.of());
            List<LogicalType> t = types.getOrDefault(sql, List.of());
            Object[][] r = rows.getOrDefault(sql, new Object[0][]);
            return new QueryResult() {
                boolean done;

                @Override
                public List<String> columnNames() {
                    return n;
                }

                @Override
                public List<LogicalType> columnTypes() {
                    return t;
                }

                @Override
                public DataChunk nextChunk() {
                    if (done || r.length == 0) {
                        return null;
                    }
                    done = true;
                    DataChunk c = new DataChunk(t, r.length);
                    for (int i = 0; i < r.length; i++) {
                        for (int j = 0; j < t.size(); j++) {
                            c.column(j).setObject(i, r[i][j]);
                        }
                    }
                    c.setSize(r.length);
                    return c;
                }

                @Override
                public long updateCount() {
                    return -1;
                }

                @Override
                public boolean hasResultSet() {
                    return !n.isEmpty();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public PreparedQuery prepare(String sql) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TableAppender appender(String schema, String table) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void interrupt() {
        }

        @Override
        public double progress() {
            return -1;
        }

        @Override
        public boolean inTransaction() {
            return false;
        }

        @Override
        public ClientContext duplicate() {
            return this;
        }

        @Override
        public void close() {
        }
    }

    private final Fake fake = new Fake();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    {
        fake.answer("SELECT * FROM t", List.of("i", "s"), List.of(LogicalType.INTEGER, LogicalType.VARCHAR),
                new Object[]{1, "a,b"}, new Object[]{null, "say \"hi\"\n"});
        fake.answer("SELECT table_name FROM information_schema.tables WHERE table_schema NOT IN ('information_schema', 'pg_catalog') ORDER BY table_name",
                List.of("table_name"), List.of(LogicalType.VARCHAR), new Object[]{"orders"}, new Object[]{"t"});
        fake.answer("SELECT table_schema, table_name, column_name, data_type, is_nullable FROM information_schema.columns"
                        + " WHERE table_schema NOT IN ('information_schema', 'pg_catalog') AND table_name LIKE 't' ORDER BY table_schema, table_name, ordinal_position",
                List.of("a", "b", "c", "d", "e"), List.of(LogicalType.VARCHAR, LogicalType.VARCHAR, LogicalType.VARCHAR, LogicalType.VARCHAR, LogicalType.VARCHAR),
                new Object[]{"main", "t", "i", "INTEGER", "NO"}, new Object[]{"main", "t", "s", "VARCHAR", "YES"});
    }

    private String openedFile;
    private java.util.Map<String, String> openedConfig;

    private int run(String stdin, String... args) {
        fake.answer("SELECT *\n  FROM t", fake.names.get("SELECT * FROM t"), fake.types.get("SELECT * FROM t"), fake.rows.get("SELECT * FROM t"));
        return Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(outBytes, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8),
                (file, config) -> {
                    openedFile = file;
                    openedConfig = config;
                    return Database.wrap(fake).connect();
                }, () -> false);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void boxModeIsTheDefault() {
        assertEquals(0, run("", "-c", "SELECT * FROM t"));
        assertEquals("""
                ┌───────┬────────────┐
                │   i   │     s      │
                │ int32 │  varchar   │
                ├───────┼────────────┤
                │     1 │ a,b        │
                │  NULL │ say "hi"\\n │
                └───────┴────────────┘
                """, out());
    }

    @Test
    void csvJsonMarkdownLineModes() {
        run(".mode csv\nSELECT * FROM t;\n.mode json\nSELECT * FROM t;\n.mode markdown\nSELECT * FROM t;\n.mode line\nSELECT * FROM t;\n");
        assertEquals("""
                i,s
                1,"a,b"
                ,"say ""hi""
                "
                [{"i":1,"s":"a,b"},
                {"i":null,"s":"say \\"hi\\"\\n"}]
                | i    | s          |
                |-----:|------------|
                |    1 | a,b        |
                | NULL | say "hi"\\n |
                i = 1
                s = a,b

                i = NULL
                s = say "hi"

                """, out());
        assertEquals("", err());
    }

    @Test
    void jsonEscapesControlCharacters() {
        StringBuilder sb = new StringBuilder();
        ResultPrinter.jsonString(sb, "a\u0001\t\\/é😀");
        assertEquals("\"a\\u0001\\t\\\\/é😀\"", sb.toString());
    }

    @Test
    void errorsShowKindMessageAndCaret() {
        assertEquals(1, run("", "-c", "SELECT *\nFORM t"));
        assertEquals("""
                Error: Parser Error: syntax error at or near "FORM"
                LINE 2: FORM t
                        ^
                """, err());
        assertFalse(err().contains("at io.tealdb"), "no stack trace without --debug");
    }

    @Test
    void debugPrintsStackTraces() {
        assertEquals(1, run("", "--debug", "-c", "SELECT * FORM t"));
        assertTrue(err().contains("at io.tealdb"), err());
    }

    @Test
    void stdinModeRunsMultiLineStatementsAndContinuesAfterErrors() {
        int code = run("SELECT *\n  FROM t\n;\nSELECT 1 FORM x;\n.mode csv\nSELECT * FROM t");
        assertEquals(1, code, "an error makes the script's exit code 1");
        assertTrue(out().contains("│     1 │ a,b"), out());
        assertTrue(out().endsWith("i,s\n1,\"a,b\"\n,\"say \"\"hi\"\"\n\"\n"), out());
        assertTrue(fake.executed.contains("SELECT *\n  FROM t"), fake.executed.toString());
        assertTrue(err().startsWith("Error: Parser Error"), err());
    }

    @Test
    void dotCommands() {
        assertEquals(0, run(".tables\n.schema t\n.timer on\nSELECT * FROM t;\n.help\n.quit\nSELECT * FROM never;\n"));
        String o = out();
        assertTrue(o.startsWith("orders  t\nCREATE TABLE t(i INTEGER NOT NULL, s VARCHAR);\n"), o);
        assertTrue(o.contains("Run Time (s): real "), o);
        assertTrue(o.contains(".mode MODE"), o);
        assertFalse(fake.executed.contains("SELECT * FROM never"), ".quit stops reading");
        assertEquals(1, run(".bogus\n.mode nope\n"));
        assertTrue(err().contains("unknown command '.bogus'"), err());
        assertTrue(err().contains("unknown mode 'nope'"), err());
    }

    @Test
    void databaseFileArgumentOpensThatFile() {
        assertEquals(0, run("", "somefile.db"));
        assertEquals("somefile.db", openedFile);
        assertEquals(java.util.Map.of(), openedConfig);
        assertEquals(0, run("", "-readonly", "other.db"));
        assertEquals("other.db", openedFile);
        assertEquals("read_only", openedConfig.get("access_mode"));
        assertEquals(0, run("", ":memory:"));
        assertNull(openedFile);
        assertEquals(1, run("", "a.db", "b.db"));
        assertTrue(err().contains("one database file at a time"), err());
    }

    @Test
    void sqllogictestDispatchFailsCleanlyWithoutTheRunner() {
        int code = run("", "sqllogictest", "x.test");
        boolean present;
        try {
            Class.forName(Main.SQLLOGICTEST_MAIN);
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        if (!present) {
            assertEquals(1, code);
            assertTrue(err().contains("sqllogictest runner"), err());
        }
    }

    @Test
    void caretPositionsFollowLinesAndTabs() {
        assertEquals("LINE 1: SELECT x\n               ^\n", Shell.caret("SELECT x", 7));
        assertEquals("LINE 3: c d\n          ^\n", Shell.caret("a\nb\nc\td", 6));
    }

    @Test
    void progressBar() {
        assertEquals(" 50% ▕█████     ▏", InteractiveShell.bar(0.5, 10));
        assertEquals("100% ▕██████████▏", InteractiveShell.bar(1.5, 10));
    }
}
