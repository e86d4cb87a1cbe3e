package io.tealdb.session;

import io.tealdb.testing.DuckDbTwins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A column of only untyped NULLs keeps the NULL type through UNION / INTERSECT / EXCEPT, VALUES and
 * CREATE TABLE AS (as in DuckDB 2.0, where it used to become INTEGER); a typed input on the other side
 * of a set operation gives it that type. Against DuckDB JDBC, over 5,000-row inputs.
 */
class NullTypePropagationDuckDbTest {
    private DuckDbTwins twins;

    @BeforeEach
    void setUp() throws SQLException {
        twins = DuckDbTwins.open(2, "CREATE TABLE n AS SELECT NULL AS x FROM range(5000) UNION ALL SELECT NULL");
    }

    @AfterEach
    void tearDown() throws SQLException {
        twins.close();
    }

    @Test
    void nullColumnsStayNull() throws SQLException {
        twins.assertSameRows("SELECT typeof(x), count(*), count(x) FROM n GROUP BY ALL");
        twins.assertSameRows("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'n'");
        twins.assertSameRows("SELECT typeof(x), count(*) FROM (SELECT NULL FROM range(3000) UNION ALL SELECT NULL FROM range(2500)) t(x) GROUP BY ALL");
        twins.assertSameRows("SELECT typeof(col0) FROM (VALUES (NULL), (NULL))");
        twins.assertSameRows("SELECT x FROM (SELECT NULL UNION SELECT NULL) t(x)");
        twins.assertSameRows("SELECT x FROM (SELECT NULL INTERSECT SELECT NULL) t(x)");
        twins.assertSameRows("SELECT count(*) FROM (SELECT NULL EXCEPT SELECT NULL)");
    }

    @Test
    void aTypedInputTypesTheColumn() throws SQLException {
        twins.assertSameRows("SELECT typeof(x), x FROM (SELECT NULL UNION ALL SELECT NULL UNION ALL SELECT true) t(x) ORDER BY x NULLS FIRST");
        twins.assertSameRows("SELECT typeof(x), count(*) FROM (SELECT x FROM n UNION ALL SELECT 'a') GROUP BY ALL ORDER BY ALL");
    }

    @Test
    void aNullColumnTakesOnlyNulls() throws SQLException {
        DuckDbTwins.run(twins.teal(), "INSERT INTO n VALUES (NULL)");
        DuckDbTwins.run(twins.duck(), "INSERT INTO n VALUES (NULL)");
        twins.assertSameRows("SELECT count(*) FROM n");
        assertThrows(SQLException.class, () -> DuckDbTwins.run(twins.teal(), "INSERT INTO n VALUES (42)"));
        assertThrows(SQLException.class, () -> DuckDbTwins.run(twins.duck(), "INSERT INTO n VALUES (42)"));
    }
}
