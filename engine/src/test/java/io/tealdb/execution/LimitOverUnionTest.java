package io.tealdb.execution;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** LIMIT above a UNION ALL is one limit for both branches (each branch runs its own pipeline). */
class LimitOverUnionTest {
    @Test
    void limitCountsRowsOfAllBranches() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:teal:"); Statement s = c.createStatement()) {
            assertEquals(7, count(s, "SELECT * FROM range(5) UNION ALL SELECT * FROM range(5) LIMIT 7"));
            assertEquals(3, count(s, "SELECT * FROM range(5) UNION ALL SELECT * FROM range(5) LIMIT 3 OFFSET 4"));
            assertEquals(6, count(s, "SELECT * FROM range(5) UNION ALL SELECT * FROM range(5) OFFSET 4"));
            assertEquals(10, count(s, "SELECT * FROM range(5) UNION ALL SELECT * FROM range(5) LIMIT 100"));
        }
    }

    private static int count(Statement s, String sql) throws Exception {
        int n = 0;
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) n++;
        }
        return n;
    }
}
