package io.tealdb.sqllogictest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs small hand-written test files through the runner (DuckDB as engine, plus misbehaving fake drivers). */
class SltRunnerTest {

    @TempDir
    Path dir;

    private FileResult run(String content, TestDatabaseFactory factory, Duration statementTimeout) throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("duckdb"));
        Path data = Files.createDirectories(dir.resolve("duckdb-data"));
        Files.writeString(data.resolve("x.csv"), "a|b\n1|x\n");
        Path f = corpus.resolve("t.test");
        Files.writeString(f, content);
        RunnerConfig config = RunnerConfig.defaults(corpus, data, Files.createDirectories(dir.resolve("scratch")),
                e -> e.equals("json")).withTimeouts(statementTimeout, Duration.ofSeconds(60));
        try (SltRunner runner = new SltRunner(config, factory)) {
            return runner.runFile(f);
        }
    }

    private FileResult runOnDuckDb(String content) throws Exception {
        return run(content, new DuckDbTestDatabaseFactory(), Duration.ofSeconds(30));
    }

    @Test
    void fullFeaturedFilePasses() throws Exception {
        FileResult r = runOnDuckDb("""
                # name: t.test
                require json
                
                statement ok
                CREATE TABLE t AS SELECT * FROM range(3) r(i); CREATE TABLE u(s VARCHAR);
                
                statement ok
                INSERT INTO u VALUES (''), (NULL), ('b')
                
                query I
                SELECT i FROM t ORDER BY i
                ----
                0
                1
                2
                
                query IT rowsort
                SELECT i, i::VARCHAR || 'x' FROM t
                ----
                0\t0x
                1\t1x
                2\t2x
                
                query T valuesort
                SELECT s FROM u
                ----
                (empty)
                NULL
                b
                
                query IR
                SELECT 1, 0.1 + 0.2
                ----
                1
                0.3
                
                query I
                SELECT true
                ----
                true
                
                query I nosort lbl
                SELECT i FROM t ORDER BY i
                ----
                
                query I nosort lbl
                SELECT * FROM range(3) ORDER BY 1
                ----
                
                query I
                SELECT i FROM t ORDER BY i
                ----
                3 values hashing to 7a94d8e0d9eec9ad2a4ef7d2bd7d4e1c
                
                statement error
                SELECT * FROM nope
                ----
                Table with name nope does not exist
                
                statement error
                SELECT 1/'a'
                ----
                <REGEX>:.*Error.*
                
                loop i 0 3
                
                query I
                SELECT {i} + ${i}
                ----
                <REGEX>:[024]
                
                endloop
                
                foreach ty INTEGER VARCHAR
                
                statement ok
                CREATE TABLE tab_{ty} (c {ty})
                
                endloop
                
                onlyif postgres
                statement ok
                THIS IS NOT SQL
                
                skipif duckdb
                statement ok
                THIS IS NOT SQL EITHER
                
                statement ok con1
                BEGIN; INSERT INTO t VALUES (10)
                
                query I con2
                SELECT count(*) FROM t
                ----
                3
                
                statement ok con1
                COMMIT
                
                query I con2
                SELECT count(*) FROM t
                ----
                4
                
                query II
                SELECT * FROM read_csv('data/x.csv')
                ----
                1\tx
                
                statement ok
                COPY t TO '{TEST_DIR}/out.csv'
                
                query I
                SELECT count(*) FROM read_csv('__TEST_DIR__/out.csv')
                ----
                4
                
                mode skip
                
                statement ok
                THIS IS SKIPPED
                
                mode unskip
                
                halt
                
                statement ok
                THIS IS AFTER HALT
                """);
        // the hash line above is deliberately wrong unless computed right: check it independently
        assertEquals(FileResult.Status.FAILED, r.status(), r.toString());
        assertEquals(1, r.recordsFailed(), r.failures().toString());
        assertTrue(r.failures().get(0).contains("hash mismatch"), r.failures().toString());
        String real = ResultChecker.hash(List.of(new String[] {"0"}, new String[] {"1"}, new String[] {"2"}));
        assertTrue(r.failures().get(0).contains(real), r.failures().toString());
    }

    @Test
    void correctHashPasses() throws Exception {
        String hash = ResultChecker.hash(List.of(new String[] {"0"}, new String[] {"1"}, new String[] {"2"}));
        FileResult r = runOnDuckDb("query I\nSELECT * FROM range(3)\n----\n" + hash + "\n");
        assertEquals(FileResult.Status.PASSED, r.status(), r.toString());
    }

    @Test
    void wrongValueFailsWithLineAndValues() throws Exception {
        FileResult r = runOnDuckDb("statement ok\nSELECT 1\n\nquery I\nSELECT 41\n----\n42\n\nstatement ok\nSELECT 2\n");
        assertEquals(FileResult.Status.FAILED, r.status());
        assertEquals(4, r.line());
        assertTrue(r.reason().contains("expected '42' but got '41'"), r.reason());
        assertEquals(3, r.recordsRun(), "later records still run");
    }

    @Test
    void wrongErrorMessageAndMissingErrorFail() throws Exception {
        FileResult r = runOnDuckDb("statement error\nSELECT * FROM nope\n----\nsomething else\n\n"
                + "statement error\nSELECT 1\n----\nanything\n");
        assertEquals(2, r.recordsFailed(), r.failures().toString());
    }

    @Test
    void columnCountAndLabelMismatchFail() throws Exception {
        FileResult r = runOnDuckDb("query II\nSELECT 1\n----\n1\n\nquery I nosort l\nSELECT 1\n----\n\n"
                + "query I nosort l\nSELECT 2\n----\n");
        assertEquals(2, r.recordsFailed(), r.failures().toString());
    }

    @Test
    void unknownRequireAndRestartSkip() throws Exception {
        assertEquals(FileResult.Status.SKIPPED, runOnDuckDb("require tpch\n\nstatement ok\nSELECT 1\n").status());
        assertEquals(FileResult.Status.SKIPPED, runOnDuckDb("require parquet\n\nstatement ok\nSELECT 1\n").status());
        assertEquals(FileResult.Status.SKIPPED, runOnDuckDb("statement ok\nSELECT 1\n\nrestart\n").status());
    }

    @Test
    void driverThrowingRuntimeExceptionFailsRecordButRunContinues() throws Exception {
        TestDatabaseFactory buggy = ctx -> fakeDatabase((sql, cancelled) -> {
            if (sql.contains("boom")) {
                throw new NullPointerException("driver bug");
            }
            if (sql.contains("error")) {
                throw new StackOverflowError();
            }
            return false;
        });
        FileResult r = run("statement ok\nSELECT boom\n\nstatement ok\nSELECT fine\n\nstatement error\nSELECT error\n"
                + "----\nx\n", buggy, Duration.ofSeconds(30));
        assertEquals(FileResult.Status.FAILED, r.status());
        assertEquals(3, r.recordsRun());
        assertEquals(2, r.recordsFailed(), r.failures().toString());
        assertTrue(r.reason().contains("NullPointerException"), r.reason());
    }

    @Test
    void hangingStatementIsCancelled() throws Exception {
        TestDatabaseFactory hanging = ctx -> fakeDatabase((sql, cancelled) -> {
            if (sql.contains("hang") && !cancelled.await(20, TimeUnit.SECONDS)) {
                return false;
            }
            if (sql.contains("hang")) {
                throw new SQLException("INTERRUPT Error: cancelled");
            }
            return false;
        });
        long t = System.nanoTime();
        FileResult r = run("statement ok\nSELECT hang\n\nstatement ok\nSELECT 1\n", hanging, Duration.ofSeconds(1));
        assertTrue(System.nanoTime() - t < TimeUnit.SECONDS.toNanos(10), "cancel did not stop the statement");
        assertEquals(FileResult.Status.FAILED, r.status());
        assertTrue(r.reason().contains("timed out"), r.reason());
        assertEquals(2, r.recordsRun());
    }

    @Test
    void mainPrintsFailingFilesAndSummary() throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("m").resolve("duckdb"));
        Files.createDirectories(dir.resolve("m").resolve("duckdb-data"));
        Files.writeString(corpus.resolve("a.test"), "statement ok\nSELECT 1\n");
        Files.writeString(corpus.resolve("b.test"), "require tpch\n");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = SqlLogicTestMain.run(new String[] {"--url", "jdbc:nosuchdriver:", corpus.toString()},
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(1, rc, out);
        assertTrue(out.contains("FAIL a.test"), out);
        assertTrue(out.strip().endsWith("0 passed, 1 failed, 1 skipped"), out);
    }

    // ---------------------------------------------------------------- fake driver

    interface Behaviour {
        boolean execute(String sql, CountDownLatch cancelled) throws Exception;
    }

    private static TestDatabase fakeDatabase(Behaviour b) {
        return new TestDatabase() {
            @Override
            public Connection newConnection() {
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, m, args) -> switch (m.getName()) {
                            case "createStatement" -> fakeStatement(b);
                            case "close" -> null;
                            case "isClosed" -> false;
                            default -> throw new SQLException("unsupported " + m.getName());
                        });
            }

            @Override
            public void close() {
            }
        };
    }

    private static Statement fakeStatement(Behaviour b) {
        CountDownLatch cancelled = new CountDownLatch(1);
        return (Statement) Proxy.newProxyInstance(SltRunnerTest.class.getClassLoader(), new Class<?>[] {Statement.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "execute" -> {
                            try {
                                return b.execute((String) args[0], cancelled);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                        case "cancel" -> {
                            cancelled.countDown();
                            return null;
                        }
                        case "getUpdateCount" -> {
                            return 0;
                        }
                        case "close", "setQueryTimeout" -> {
                            return null;
                        }
                        default -> throw new SQLException("unsupported " + m.getName());
                    }
                });
    }
}
