package io.tealdb.differential;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * Deterministic random tables t1, t2, t3, all with the same columns: k (small join key), i INTEGER,
 * b BIGINT, d DOUBLE, m DECIMAL(10,2), s VARCHAR, dt DATE, f BOOLEAN; about 10% NULLs per column
 * (k included, so joins meet NULL keys). Values are small so that sums cannot overflow and doubles
 * have two decimals.
 */
public final class RandomTables {

    public static final List<String> TABLES = List.of("t1", "t2", "t3");
    public static final String COLUMNS_DDL = "(k INTEGER, i INTEGER, b BIGINT, d DOUBLE, m DECIMAL(10,2), s VARCHAR,"
            + " dt DATE, f BOOLEAN)";
    static final String[] WORDS = {"", "a", "ab", "abc", "b", "ba", "bca", "c", "cab", "aa", "bb", "abab", "x_y", "A"};
    static final LocalDate BASE_DATE = LocalDate.of(2020, 1, 1);

    private RandomTables() {}

    public static void create(Connection c, long seed, int rowsPerTable) throws SQLException {
        Random rnd = new Random(seed);
        for (String t : TABLES) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + t + " " + COLUMNS_DDL);
            }
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int r = 0; r < rowsPerTable; r++) {
                    setOrNull(p, 1, rnd, Types.INTEGER, () -> p.setInt(1, rnd.nextInt(12)));
                    setOrNull(p, 2, rnd, Types.INTEGER, () -> p.setInt(2, rnd.nextInt(2001) - 1000));
                    setOrNull(p, 3, rnd, Types.BIGINT, () -> p.setLong(3, rnd.nextLong(2_000_000_001L) - 1_000_000_000L));
                    setOrNull(p, 4, rnd, Types.DOUBLE, () -> p.setDouble(4, (rnd.nextInt(200_001) - 100_000) / 100.0));
                    setOrNull(p, 5, rnd, Types.DECIMAL,
                            () -> p.setBigDecimal(5, BigDecimal.valueOf(rnd.nextInt(2_000_001) - 1_000_000, 2)));
                    setOrNull(p, 6, rnd, Types.VARCHAR, () -> p.setString(6, WORDS[rnd.nextInt(WORDS.length)]));
                    setOrNull(p, 7, rnd, Types.DATE, () -> p.setObject(7, BASE_DATE.plusDays(rnd.nextInt(730))));
                    setOrNull(p, 8, rnd, Types.BOOLEAN, () -> p.setBoolean(8, rnd.nextBoolean()));
                    p.addBatch();
                }
                p.executeBatch();
                c.commit();
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    interface Setter {
        void set() throws SQLException;
    }

    private static void setOrNull(PreparedStatement p, int idx, Random rnd, int sqlType, Setter setter)
            throws SQLException {
        if (rnd.nextInt(10) == 0) {
            p.setNull(idx, sqlType);
        } else {
            setter.set();
        }
    }
}
