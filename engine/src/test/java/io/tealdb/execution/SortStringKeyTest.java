package io.tealdb.execution;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Strings that share the 8-byte prefix kept in normalised sort keys must still be ordered by
 * their full text before any later ORDER BY key (TPC-H Q16 regression).
 */
class SortStringKeyTest {
    @Test
    void laterKeysDoNotOverrideStringTail() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:teal:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k INTEGER, s VARCHAR, n INTEGER)");
            s.execute("INSERT INTO t VALUES (1, 'PROMO ANODIZED TIN', 45), (1, 'PROMO ANODIZED BRASS', 49), "
                    + "(1, 'PROMO ANODIZED BRASS', 3), (2, 'ECONOMY', 1), (1, NULL, 0), (1, 'PROMO ANOD', 99)");
            List<String> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT s, n FROM t ORDER BY k DESC, s NULLS FIRST, n")) {
                while (r.next()) rows.add(r.getString(1) + "|" + r.getInt(2));
            }
            assertEquals(List.of("ECONOMY|1", "null|0", "PROMO ANOD|99", "PROMO ANODIZED BRASS|3",
                    "PROMO ANODIZED BRASS|49", "PROMO ANODIZED TIN|45"), rows);
        }
    }
}
