package io.tealdb.types;

import io.tealdb.testing.DuckDbTwins;
import io.tealdb.testing.SharedTwins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import static io.tealdb.testing.DuckDbTwins.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * UUID against DuckDB on 10,000 generated values spread over the whole 128-bit range (five chunks,
 * NULLs included): text forms, DuckDB's order (the text order), grouping, joins, casts to and from
 * VARCHAR, BLOB and UHUGEINT; and java.util.UUID in and out through JDBC.
 */
class UuidOracleTest {
    static final String[] SETUP = {
            "CREATE TABLE g (i INTEGER, u UUID)",
            "INSERT INTO g SELECT i, CASE WHEN i % 101 = 0 THEN NULL "
                    + "ELSE ((i * 7919 % 10000)::UHUGEINT * 34028236692093846346337460743176821::UHUGEINT + i::UHUGEINT)::UUID END "
                    + "FROM range(10000) t(i)",
            "INSERT INTO g SELECT 10000 + i, ((i % 3)::UHUGEINT * 1000)::UUID FROM range(3000) t(i)",
    };

    @RegisterExtension
    static final SharedTwins db = new SharedTwins(2, SETUP);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM g ORDER BY i",
            "SELECT u, i FROM g ORDER BY u NULLS FIRST, i",
            "SELECT u, count(*) FROM g GROUP BY u ORDER BY count(*) DESC, u LIMIT 10",
            "SELECT min(u), max(u), count(DISTINCT u), count(u) FROM g",
            "SELECT count(*) FROM g WHERE u > '80000000-0000-0000-0000-000000000000'",
            "SELECT count(*) FROM g WHERE u BETWEEN '10000000-0000-0000-0000-000000000000' AND 'c0000000-0000-0000-0000-00000000ffff'",
            "SELECT i FROM g WHERE u = '00000000-0000-0000-0000-0000000003e8' ORDER BY i LIMIT 5",
            "SELECT count(*) FROM g a JOIN g b ON a.u = b.u WHERE a.i < 10000",
            "SELECT i, u::VARCHAR, upper(u::VARCHAR), u::BLOB, u::UHUGEINT FROM g ORDER BY i",
            "SELECT count(*) FROM g WHERE u::VARCHAR::UUID = u AND u::BLOB::UUID = u AND u::UHUGEINT::UUID = u",
            "SELECT i, replace(u::VARCHAR, '-', '')::UUID, ('{' || u::VARCHAR || '}')::UUID, ('-' || u::VARCHAR || '--')::UUID FROM g WHERE i % 7 = 0 ORDER BY i",
            "SELECT typeof(gen_random_uuid()), uuid_extract_version(uuid()), uuid_extract_version(uuidv7()), "
                    + "uuid_extract_version('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')",
    })
    void sameAsDuckDb(String sql) throws Exception {
        assertEquals(rows(db.duck(), sql), rows(db.teal(), sql), sql);
    }

    @Test
    void badTextFailsLikeDuckDb() throws Exception {
        for (String bad : List.of("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111", "xyz",
                " a0eebc999c0b4ef8bb6d6bb9bd380a11",
                "{a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g")) {
            String sql = "SELECT '" + bad + "'::UUID";
            SQLException duck = assertThrows(SQLException.class, () -> rows(db.duck(), sql), sql);
            SQLException teal = assertThrows(SQLException.class, () -> rows(db.teal(), sql), sql);
            assertEquals(duck.getMessage().lines().findFirst().orElseThrow(), teal.getMessage().lines().findFirst().orElseThrow(), sql);
            String tryCast = "SELECT TRY_CAST('" + bad + "' AS UUID)";
            assertEquals(rows(db.duck(), tryCast), rows(db.teal(), tryCast));
        }
    }

    @Test
    void generatedUuidsAreVersion4AndDistinct() throws Exception {
        List<List<String>> r = rows(db.teal(), "SELECT count(DISTINCT u), min(uuid_extract_version(u)), max(uuid_extract_version(u)) "
                + "FROM (SELECT gen_random_uuid() AS u FROM range(20000))");
        assertEquals(List.of(List.of("20000", "4", "4")), r);
    }

    @Test
    void javaUuidInAndOut() throws Exception {
        UUID u = UUID.fromString("ffeeddcc-bbaa-9988-7766-554433221100");
        try (PreparedStatement p = db.teal().prepareStatement("SELECT ?, typeof(?), ?::VARCHAR, '00000000-0000-0000-0000-000000000001'::UUID")) {
            p.setObject(1, u);
            p.setObject(2, u);
            p.setObject(3, u);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertEquals(u, rs.getObject(1));
                assertEquals("UUID", rs.getString(2));
                assertEquals(u.toString(), rs.getString(3));
                assertEquals(new UUID(0, 1), rs.getObject(4));
                assertEquals("java.util.UUID", rs.getMetaData().getColumnClassName(1));
                assertEquals(java.sql.Types.OTHER, rs.getMetaData().getColumnType(1));
            }
        }
        try (ResultSet d = db.duck().createStatement().executeQuery("SELECT 'ffeeddcc-bbaa-9988-7766-554433221100'::UUID")) {
            d.next();
            assertEquals(d.getObject(1), u);
        }
        assertNotEquals(rows(db.teal(), "SELECT uuid()"), rows(db.teal(), "SELECT uuid()"));
    }
}
