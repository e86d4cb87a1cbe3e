package io.tealdb.robustness;

import io.tealdb.Connection;
import io.tealdb.JavaValues;
import io.tealdb.Teal;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TIME '24:00:00' is a valid DuckDB TIME; the Java API and JDBC map it to LocalTime.MAX and back. */
class EndOfDayTimeTest {
    @Test
    void embeddedApiMapsEndOfDayBothWays() {
        try (Connection con = Teal.connect()) {
            Object[] row = con.execute("SELECT try_cast('24:00:00' AS time), TIME '23:59:59.999999', TIME '00:00:00'").fetchOne();
            assertEquals(LocalTime.MAX, row[0]);
            assertEquals(LocalTime.of(23, 59, 59, 999_999_000), row[1]);
            assertEquals(LocalTime.MIDNIGHT, row[2]);
            // LocalTime.MAX as a parameter is 24:00:00 again, ordered after every other time
            List<Object[]> rows = con.execute("SELECT ?::VARCHAR, ? > TIME '23:59:59.999999'", LocalTime.MAX, LocalTime.MAX).fetchAll();
            assertEquals("24:00:00", rows.get(0)[0]);
            assertEquals(true, rows.get(0)[1]);
            assertEquals(JavaValues.END_OF_DAY_MICROS, JavaValues.micros(LocalTime.MAX));
        }
    }

    @Test
    void jdbcReadsEndOfDay() throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:teal:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TIME '24:00:00' AS t FROM range(3000)")) {
            int n = 0;
            while (rs.next()) {
                assertEquals(LocalTime.MAX, rs.getObject(1));
                assertEquals(LocalTime.MAX, rs.getObject(1, LocalTime.class));
                assertEquals("24:00", rs.getString(1));
                assertTrue(rs.getTime(1) != null);
                n++;
            }
            assertEquals(3000, n);
        }
    }
}
