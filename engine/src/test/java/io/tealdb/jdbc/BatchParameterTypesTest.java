package io.tealdb.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A prepared INSERT's batch whose parameters are of other types than their columns, and change type from
 * row to row (as psycopg sends int2, int4 and int8 by size): each value is cast as a single INSERT casts
 * it, over 5,000 rows (three 2,048-row chunks); a value the column's type cannot hold fails the batch.
 */
class BatchParameterTypesTest {
    @Test
    void mixedParameterTypesAreCastPerValue() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:teal:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE b (id BIGINT, n INTEGER, d DOUBLE, t VARCHAR)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO b VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < 5000; i++) {
                    switch (i % 4) {
                        case 0 -> p.setShort(1, (short) (i % 30000));
                        case 1 -> p.setInt(1, i * 1000);
                        case 2 -> p.setLong(1, i * 1_000_000_000L);
                        default -> p.setString(1, Integer.toString(-i));
                    }
                    if (i % 2 == 0) p.setString(2, Integer.toString(i));
                    else p.setLong(2, i);
                    if (i % 3 == 0) p.setInt(3, i);
                    else p.setString(3, i + ".5");
                    if (i % 5 == 0) p.setNull(4, java.sql.Types.VARCHAR);
                    else p.setInt(4, i);
                    p.addBatch();
                }
                p.executeBatch();
            }
            long ids = 0, ns = 0;
            double ds = 0;
            for (int i = 0; i < 5000; i++) {
                ids += switch (i % 4) {
                    case 0 -> i % 30000;
                    case 1 -> i * 1000L;
                    case 2 -> i * 1_000_000_000L;
                    default -> -i;
                };
                ns += i;
                ds += i % 3 == 0 ? i : i + 0.5;
            }
            try (ResultSet r = s.executeQuery("SELECT sum(id), sum(n), sum(d), count(t), max(t) FROM b")) {
                assertTrue(r.next());
                assertEquals(ids, r.getLong(1));
                assertEquals(ns, r.getLong(2));
                assertEquals(ds, r.getDouble(3), 1e-6);
                assertEquals(4000, r.getLong(4));
                assertEquals("999", r.getString(5));
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO b (n) VALUES (?)")) {
                p.setInt(1, 1);
                p.addBatch();
                p.setLong(1, 1L << 40);
                p.addBatch();
                assertThrows(SQLException.class, p::executeBatch);
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM b")) {
                assertTrue(r.next());
                assertEquals(5000, r.getLong(1));
            }
        }
    }
}
