package io.tealdb.arrow;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.types.LogicalType;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
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
 * LIST, ARRAY, STRUCT and MAP (nested, with NULLs at every level) and the newer scalar types
 * (UUID, TIMESTAMPTZ, TIMESTAMP_S/_MS/_NS, unsigned, UHUGEINT) through Arrow: the same Arrow types
 * and values as DuckDB exports, round trips TealDB → Arrow → TealDB (also through the C stream
 * interface), and DuckDB's streams imported into TealDB; over data crossing several 2048-row chunks.
 * TIME WITH TIME ZONE as DuckDB sends it: by default its local time as time64[µs] (the offset is
 * lost), with {@code SET arrow_lossless_conversion = true} its whole value in DuckDB's layout as
 * {@code fixed_size_binary[8]} with the {@code arrow.opaque} extension {@code time_tz}, which both
 * read back as TIMETZ.
 */
class NestedArrowTest {
    private static final String ZONE = "America/New_York";
    private BufferAllocator allocator;
    private java.sql.Connection duck;
    private Connection teal;

    @BeforeEach
    void open() throws Exception {
        allocator = new RootAllocator();
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = duck.createStatement()) {
            st.execute("SET TimeZone = '" + ZONE + "'");
        }
        teal = Teal.connect(Map.of("threads", "2"));
        teal.execute("SET TimeZone = '" + ZONE + "'").close();
        teal.execute("CREATE TABLE n AS " + ArrowTestData.NESTED_TYPES).close();
    }

    @AfterEach
    void close() throws Exception {
        teal.close();
        duck.close();
        allocator.close(); // fails the test when an Arrow buffer leaked
    }

    private static List<List<Object>> drain(ArrowReader reader) throws Exception {
        List<List<Object>> cols = new ArrayList<>();
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        for (int c = 0; c < root.getFieldVectors().size(); c++) cols.add(new ArrayList<>());
        while (reader.loadNextBatch()) {
            for (int c = 0; c < root.getFieldVectors().size(); c++) {
                FieldVector v = root.getVector(c);
                for (int r = 0; r < root.getRowCount(); r++) cols.get(c).add(normalize(v.getObject(r)));
            }
        }
        return cols;
    }

    /** Arrow Java's Text as String, recursively (lists and struct maps hold Text too). */
    private static Object normalize(Object o) {
        if (o instanceof org.apache.arrow.vector.util.Text t) return t.toString();
        if (o instanceof byte[] b) return java.util.HexFormat.of().formatHex(b); // compared by content inside lists too
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object e : l) out.add(normalize(e));
            return out;
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            for (var e : m.entrySet()) out.put(normalize(e.getKey()), normalize(e.getValue()));
            return out;
        }
        return o;
    }

    /** The Arrow type tree of a field (types and nullability of children, names of struct fields). */
    private static String typeTree(Field f) {
        StringBuilder sb = new StringBuilder(f.getType().toString());
        if (!f.getChildren().isEmpty()) {
            sb.append('<');
            for (Field c : f.getChildren()) {
                if (f.getType() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Struct) sb.append(c.getName()).append(':');
                sb.append(typeTree(c)).append(',');
            }
            sb.append('>');
        }
        return sb.toString();
    }

    private ArrowReader duckReader(Statement st, String sql, long batch) throws Exception {
        ResultSet rs = st.executeQuery(sql);
        return (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, batch);
    }

    @Test
    void sameArrowTypesAndValuesAsDuckDb() throws Exception {
        String sql = ArrowTestData.NESTED_TYPES + " ORDER BY i";
        try (Statement st = duck.createStatement();
             ArrowReader d = duckReader(st, sql, 2500);
             ArrowReader t = TealArrow.arrowReader(teal.sql(sql), allocator, 3000)) {
            List<Field> df = d.getVectorSchemaRoot().getSchema().getFields();
            List<Field> tf = t.getVectorSchemaRoot().getSchema().getFields();
            assertEquals(df.size(), tf.size());
            for (int c = 0; c < df.size(); c++) {
                assertEquals(df.get(c).getName(), tf.get(c).getName());
                String name = df.get(c).getName();
                if (name.equals("uh")) continue; // HUGEINT-like: DuckDB's decimal128(38,0) also, checked by value below
                assertEquals(typeTree(df.get(c)), typeTree(tf.get(c)), "Arrow type of column " + name);
            }
            List<List<Object>> dv = drain(d);
            List<List<Object>> tv = drain(t);
            for (int c = 0; c < df.size(); c++) {
                assertEquals(ArrowTestData.ROWS, tv.get(c).size());
                for (int r = 0; r < ArrowTestData.ROWS; r++) {
                    Object a = dv.get(c).get(r);
                    Object b = tv.get(c).get(r);
                    assertTrue(Objects.deepEquals(a, b) || Objects.equals(String.valueOf(a), String.valueOf(b)),
                            "column " + df.get(c).getName() + " row " + r + ": DuckDB " + a + ", TealDB " + b);
                }
            }
        }
    }

    @Test
    void nestedAndNewTypesRoundTripThroughARootAndTheCStream() throws Exception {
        List<Object[]> expected = teal.sql("SELECT * FROM n ORDER BY i").fetchAll();
        List<LogicalType> types = teal.sql("SELECT * FROM n").types();
        try (VectorSchemaRoot root = TealArrow.toArrow(teal.sql("SELECT * FROM n ORDER BY i"), allocator)) {
            TealArrow.register(teal, "back", root);
            assertEquals(types, teal.sql("SELECT * FROM back").types());
            assertSame(expected, teal.sql("SELECT * FROM back").fetchAll());
            // projection of one nested column, and an aggregate over a list column in parallel morsels
            assertArrayEquals(teal.sql("SELECT sum(len(li)), count(m), sum(st.a) FROM n").fetchOne(),
                    teal.sql("SELECT sum(len(li)), count(m), sum(st.a) FROM back").fetchOne());
            teal.unregister("back");
        }
        try (Connection producer = teal.duplicate();
             ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            TealArrow.exportArrayStream(producer.sql("SELECT * FROM n ORDER BY i"), allocator, 1500, stream);
            try (ArrowReader reader = Data.importArrayStream(allocator, stream)) {
                TealArrow.register(teal, "via_c", reader);
                assertSame(expected, teal.sql("SELECT * FROM via_c").fetchAll());
                teal.unregister("via_c");
            }
        }
    }

    @Test
    void duckDbNestedStreamsImportAsTealDbsOwnResult() throws Exception {
        // DuckDB sends UUID as plain utf8: compare it as text
        String cols = "* REPLACE (u::VARCHAR AS u)";
        List<Object[]> expected = teal.sql("SELECT " + cols + " FROM n ORDER BY i").fetchAll();
        String[] settings = {"SET arrow_large_buffer_size = false", "SET arrow_large_buffer_size = true"};
        try (Statement st = duck.createStatement()) {
            for (String setting : settings) {
                st.execute(setting);
                try (ArrowReader d = duckReader(st, ArrowTestData.NESTED_TYPES + " ORDER BY i", 4000)) {
                    TealArrow.register(teal, "from_duck", d);
                    List<Object[]> actual = teal.sql("SELECT " + cols + " FROM from_duck").fetchAll();
                    assertEquals(expected.size(), actual.size(), setting);
                    for (int r = 0; r < expected.size(); r++) {
                        Object[] e = expected.get(r);
                        Object[] a = actual.get(r);
                        for (int c = 0; c < e.length; c++) {
                            // UHUGEINT arrives as DECIMAL(38,0): the same number
                            boolean same = Objects.deepEquals(e[c], a[c])
                                    || (e[c] != null && a[c] != null && new java.math.BigDecimal(e[c].toString()).compareTo(new java.math.BigDecimal(a[c].toString())) == 0 && c == 13);
                            assertTrue(same, setting + ", row " + r + ", column " + c + ": " + e[c] + " vs " + a[c]);
                        }
                    }
                    teal.unregister("from_duck");
                }
            }
        }
    }

    /** Times with offsets from +15:59:59 to -15:59:59, microseconds and NULLs, at the top level and in a LIST and a STRUCT. */
    private static final String TIME_TZ_DATA = "SELECT i, t, [t, NULL, t] AS l, {'a': t, 'b': i} AS s FROM (SELECT range AS i,"
            + " CASE WHEN range % 7 = 3 THEN NULL ELSE ((TIMESTAMP '2000-01-01' + to_microseconds(range * 17_280_013 % 86_400_000_000))::TIME::VARCHAR"
            + " || CASE range % 5 WHEN 0 THEN '+05' WHEN 1 THEN '-03:30' WHEN 2 THEN '+00' WHEN 3 THEN '+15:59:59' ELSE '-15:59:59' END)::TIMETZ END AS t"
            + " FROM range(" + ArrowTestData.ROWS + ")) ORDER BY i";

    @Test
    void timeTzLeavesAsItsLocalTimeByDefaultAsDuckDb() throws Exception {
        assertTimeTzAsDuckDb(false);
    }

    @Test
    void timeTzLeavesWholeWithLosslessConversionAsDuckDb() throws Exception {
        assertTimeTzAsDuckDb(true);
    }

    private void assertTimeTzAsDuckDb(boolean lossless) throws Exception {
        teal.execute("SET arrow_lossless_conversion = " + lossless).close();
        try (Statement st = duck.createStatement()) {
            st.execute("SET arrow_lossless_conversion = " + lossless);
            try (ArrowReader d = duckReader(st, TIME_TZ_DATA, 2500);
                 ArrowReader t = TealArrow.arrowReader(teal.sql(TIME_TZ_DATA), allocator, 3000)) {
                List<Field> df = d.getVectorSchemaRoot().getSchema().getFields();
                assertEquals(df, t.getVectorSchemaRoot().getSchema().getFields(), "the same Arrow fields (types, metadata, children)");
                assertEquals(lossless ? "arrow.opaque" : null, df.get(1).getMetadata().get("ARROW:extension:name"));
                List<List<Object>> dv = drain(d);
                List<List<Object>> tv = drain(t);
                assertEquals(dv, tv);
                assertEquals(ArrowTestData.ROWS, tv.get(1).size());
            }
        }
    }

    @Test
    void losslessTimeTzComesBackAsTimeTz() throws Exception {
        teal.execute("CREATE TABLE tz AS " + TIME_TZ_DATA).close();
        List<Object[]> expected = teal.sql("SELECT * FROM tz ORDER BY i").fetchAll();
        assertEquals("false", String.valueOf(teal.sql("SELECT current_setting('arrow_lossless_conversion')").fetchOne()[0]));
        teal.execute("SET arrow_lossless_conversion = true").close();
        assertEquals("true", String.valueOf(teal.sql("SELECT current_setting('arrow_lossless_conversion')").fetchOne()[0]));
        try (Statement st = duck.createStatement()) {
            st.execute("SET arrow_lossless_conversion = true");
            try (ArrowReader d = duckReader(st, TIME_TZ_DATA, 1500)) {
                TealArrow.register(teal, "from_duck", d);
                teal.execute("CREATE TABLE duck_copy AS SELECT * FROM from_duck").close(); // a stream is read once
                assertEquals("TIME WITH TIME ZONE", teal.sql("SELECT typeof(t) FROM duck_copy LIMIT 1").fetchOne()[0]);
                assertSame(expected, teal.sql("SELECT * FROM duck_copy ORDER BY i").fetchAll());
            }
        }
        try (Connection producer = Teal.connect()) { // a connection runs one statement at a time
            producer.execute("SET arrow_lossless_conversion = true").close();
            try (ArrowReader own = TealArrow.arrowReader(producer.sql(TIME_TZ_DATA), allocator, 1200)) {
                TealArrow.register(teal, "from_teal", own);
                assertSame(expected, teal.sql("SELECT * FROM from_teal ORDER BY i").fetchAll());
            }
        }
    }

    private static void assertSame(List<Object[]> expected, List<Object[]> actual) {
        assertEquals(expected.size(), actual.size(), "row count");
        for (int r = 0; r < expected.size(); r++) {
            assertTrue(Objects.deepEquals(expected.get(r), actual.get(r)),
                    "row " + r + ": " + java.util.Arrays.deepToString(expected.get(r)) + " vs " + java.util.Arrays.deepToString(actual.get(r)));
        }
    }
}
