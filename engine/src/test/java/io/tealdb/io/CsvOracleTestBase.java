package io.tealdb.io;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fixture of the CSV tests that read the same files with TealDB and DuckDB (JDBC): a temporary
 * folder to write files into, one connection to each engine, and a comparison of column names
 * and rows.
 */
abstract class CsvOracleTestBase {
    @TempDir
    static Path dir;
    static Connection duck;
    static Connection teal;

    @BeforeAll
    static void open() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        teal = DriverManager.getConnection("jdbc:teal:");
    }

    @AfterAll
    static void close() throws SQLException {
        duck.close();
        teal.close();
    }

    /** Writes {@code content} to {@code name} in the folder; returns the path quoted for a SQL string. */
    static String write(String name, byte[] content) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p.toString().replace("'", "''");
    }

    static String write(String name, String text) throws Exception {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The column names as the first line, then every row, each as values joined by '|'. */
    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            StringBuilder head = new StringBuilder();
            for (int i = 1; i <= n; i++) head.append(rs.getMetaData().getColumnName(i)).append('|');
            out.add(head.toString());
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) sb.append(rs.getString(i)).append('|');
                out.add(sb.toString());
            }
        }
        return out;
    }

    /** {@code sql} gives the same column names and rows on both engines. */
    static void same(String sql) throws SQLException {
        assertEquals(rows(duck, sql), rows(teal, sql), sql);
    }
}
