package io.tealdb.arrow;

import io.tealdb.Connection;
import io.tealdb.Teal;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.duckdb.DuckDBResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same query exported to Arrow by DuckDB (DuckDB JDBC's {@code arrowExportStream}) and by
 * TealDB: the same Arrow types and the same values, over data crossing several 2048-row chunks; and
 * DuckDB's Arrow streams (plain, string views, large buffers) imported into TealDB give TealDB's own
 * result.
 */
class DuckDbArrowComparisonTest {
    private BufferAllocator allocator;
    private java.sql.Connection duck;
    private Connection teal;

    @BeforeEach
    void open() throws Exception {
        allocator = new RootAllocator();
        duck = DriverManager.getConnection("jdbc:duckdb:");
        teal = Teal.connect(Map.of("threads", "2"));
    }

    @AfterEach
    void close() throws Exception {
        teal.close();
        duck.close();
        allocator.close();
    }

    /** Column values of every batch of a reader, as Arrow Java's getObject gives them (Text as String). */
    private static List<List<Object>> drain(ArrowReader reader) throws Exception {
        List<List<Object>> cols = new ArrayList<>();
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        for (int c = 0; c < root.getFieldVectors().size(); c++) cols.add(new ArrayList<>());
        while (reader.loadNextBatch()) {
            for (int c = 0; c < root.getFieldVectors().size(); c++) {
                FieldVector v = root.getVector(c);
                for (int r = 0; r < root.getRowCount(); r++) {
                    Object o = v.getObject(r);
                    if (o instanceof org.apache.arrow.vector.util.Text t) o = t.toString();
                    cols.get(c).add(o);
                }
            }
        }
        return cols;
    }

    private ArrowReader duckReader(Statement st, String sql, long batch) throws Exception {
        ResultSet rs = st.executeQuery(sql);
        return (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, batch);
    }

    @Test
    void sameArrowTypesAndValuesAsDuckDb() throws Exception {
        String sql = ArrowTestData.ALL_TYPES + " ORDER BY i";
        try (Statement st = duck.createStatement();
             ArrowReader d = duckReader(st, sql, 2500);
             ArrowReader t = TealArrow.arrowReader(teal.sql(sql), allocator, 3000)) {
            List<Field> df = d.getVectorSchemaRoot().getSchema().getFields();
            List<Field> tf = t.getVectorSchemaRoot().getSchema().getFields();
            assertEquals(df.size(), tf.size());
            for (int c = 0; c < df.size(); c++) {
                assertEquals(df.get(c).getName(), tf.get(c).getName());
                assertEquals(df.get(c).getType(), tf.get(c).getType(), "Arrow type of column " + df.get(c).getName());
            }
            List<List<Object>> dv = drain(d);
            List<List<Object>> tv = drain(t);
            for (int c = 0; c < df.size(); c++) {
                assertEquals(ArrowTestData.ROWS, tv.get(c).size());
                for (int r = 0; r < ArrowTestData.ROWS; r++) {
                    Object a = dv.get(c).get(r);
                    Object b = tv.get(c).get(r);
                    assertTrue(Objects.deepEquals(a, b), "column " + df.get(c).getName() + " row " + r + ": DuckDB " + a + ", TealDB " + b);
                }
            }
        }
    }

    @Test
    void duckDbStreamsImportAsTealDbsOwnResult() throws Exception {
        teal.execute("CREATE TABLE t AS " + ArrowTestData.ALL_TYPES).close();
        List<Object[]> expected = teal.sql("SELECT * FROM t ORDER BY i").fetchAll();
        String[] settings = {
                "SET produce_arrow_string_view = false",
                "SET produce_arrow_string_view = true",   // utf8/binary views
                "SET arrow_large_buffer_size = true",     // large utf8 / large binary
        };
        try (Statement st = duck.createStatement()) {
            for (String setting : settings) {
                st.execute(setting);
                try (ArrowReader d = duckReader(st, ArrowTestData.ALL_TYPES + " ORDER BY i", 4000)) {
                    TealArrow.register(teal, "from_duck", d);
                    List<Object[]> actual = teal.sql("SELECT * FROM from_duck").fetchAll();
                    assertEquals(expected.size(), actual.size(), setting);
                    for (int r = 0; r < expected.size(); r++) {
                        Object[] e = expected.get(r);
                        Object[] a = actual.get(r);
                        for (int c = 0; c < e.length; c++) {
                            if (c == 6) {
                                // HUGEINT arrives from DuckDB as DECIMAL(38,0): same number
                                assertEquals(0, new BigDecimal(e[c].toString()).compareTo(new BigDecimal(a[c].toString())), setting + ", row " + r);
                            } else {
                                assertTrue(Objects.deepEquals(e[c], a[c]), setting + ", row " + r + ", column " + c + ": " + e[c] + " vs " + a[c]);
                            }
                        }
                    }
                    teal.unregister("from_duck");
                }
            }
        }
    }

    @Test
    void dictionaryEncodedEnumColumnsDecode() throws Exception {
        try (Statement st = duck.createStatement()) {
            st.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
            String q = "SELECT i, CASE WHEN i % 10 = 0 THEN NULL ELSE (['sad','ok','happy'])[i % 3 + 1]::mood END AS m FROM range(7000) t(i) ORDER BY i";
            try (ArrowReader d = duckReader(st, q, 3000)) {
                assertTrue(d.getVectorSchemaRoot().getSchema().getFields().get(1).getDictionary() != null, "DuckDB sends ENUM dictionary-encoded");
                TealArrow.register(teal, "moods", d);
                List<Object[]> rows = teal.sql("SELECT i, m FROM moods").fetchAll();
                assertEquals(7000, rows.size());
                String[] names = {"sad", "ok", "happy"};
                for (int i = 0; i < rows.size(); i++) {
                    assertEquals((long) i, rows.get(i)[0]);
                    assertEquals(i % 10 == 0 ? null : names[i % 3], rows.get(i)[1], "row " + i);
                }
            }
        }
    }
    @Test
    void enumColumnsGoOutAsTheirLabelsAndComeBackAsTheSameEnum() throws Exception {
        teal.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'it''s ok')").close();
        String q = "SELECT i, CASE WHEN i % 10 = 0 THEN NULL ELSE enum_range(NULL::mood)[i % 4 + 1]::mood END AS m FROM range(7000) t(i) ORDER BY i";
        // the producing query streams on its own connection: a connection runs one query at a time
        try (Connection producer = teal.duplicate(); ArrowReader t = TealArrow.arrowReader(producer.sql(q), allocator, 3000)) {
            Field f = t.getVectorSchemaRoot().getSchema().getFields().get(1);
            assertEquals(org.apache.arrow.vector.types.pojo.ArrowType.Utf8.INSTANCE, f.getType());
            assertEquals("ENUM('sad', 'ok', 'happy', 'it''s ok')", f.getMetadata().get(ArrowSchemas.TYPE_KEY));
            TealArrow.register(teal, "moods_back", t);
            assertEquals(teal.sql(q).types(), teal.sql("SELECT * FROM moods_back").types());
            List<Object[]> back = teal.sql("SELECT i, m, enum_code(m) FROM moods_back").fetchAll();
            List<Object[]> expected = teal.sql("SELECT i, m, enum_code(m) FROM (" + q + ")").fetchAll();
            assertEquals(expected.size(), back.size());
            for (int r = 0; r < expected.size(); r++) assertTrue(Objects.deepEquals(expected.get(r), back.get(r)), "row " + r);
            teal.unregister("moods_back");
        }
        // a consumer that does not know the marker reads the labels, as it reads DuckDB's VARCHARs
        try (ArrowReader t = TealArrow.arrowReader(teal.sql(q), allocator, 3000); Statement st = duck.createStatement();
             ArrowReader d = duckReader(st, "SELECT i, CASE WHEN i % 10 = 0 THEN NULL ELSE (['sad', 'ok', 'happy', 'it''s ok'])[i % 4 + 1] END AS m "
                     + "FROM range(7000) t(i) ORDER BY i", 2500)) {
            assertEquals(drain(d).get(1), drain(t).get(1));
        }
    }
}
