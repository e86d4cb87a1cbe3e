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
    /** Column {@code c} of every batch with dictionary-encoded values looked up: the labels a consumer sees. */
    private static List<Object> decoded(ArrowReader reader, int c) throws Exception {
        List<Object> out = new ArrayList<>();
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        while (reader.loadNextBatch()) {
            FieldVector v = root.getVector(c);
            FieldVector labels = reader.lookup(v.getField().getDictionary().getId()).getVector();
            for (int r = 0; r < root.getRowCount(); r++) {
                if (v.isNull(r)) {
                    out.add(null);
                    continue;
                }
                Object index = v.getObject(r); // uint16 indices come back as a char
                out.add(labels.getObject(index instanceof Character ch ? ch : ((Number) index).intValue()).toString());
            }
        }
        return out;
    }

    @Test
    void enumColumnsGoOutDictionaryEncodedAsDuckDbsAndComeBackAsTheSameEnum() throws Exception {
        String labels = "'sad', 'ok', 'happy', 'it''s ok'";
        teal.execute("CREATE TYPE mood AS ENUM (" + labels + ")").close();
        String q = "SELECT i, CASE WHEN i % 10 = 0 THEN NULL ELSE enum_range(NULL::mood)[i % 4 + 1]::mood END AS m FROM range(7000) t(i) ORDER BY i";
        // the producing query streams on its own connection: a connection runs one query at a time
        try (Connection producer = teal.duplicate(); ArrowReader t = TealArrow.arrowReader(producer.sql(q), allocator, 3000)) {
            Field f = t.getVectorSchemaRoot().getSchema().getFields().get(1);
            assertEquals(new org.apache.arrow.vector.types.pojo.ArrowType.Int(8, false), f.getType());
            assertEquals(new org.apache.arrow.vector.types.pojo.ArrowType.Int(8, false), f.getDictionary().getIndexType());
            assertEquals("ENUM('sad', 'ok', 'happy', 'it''s ok')", f.getMetadata().get(ArrowSchemas.TYPE_KEY));
            TealArrow.register(teal, "moods_back", t);
            assertEquals(teal.sql(q).types(), teal.sql("SELECT * FROM moods_back").types());
            List<Object[]> back = teal.sql("SELECT i, m, enum_code(m) FROM moods_back").fetchAll();
            List<Object[]> expected = teal.sql("SELECT i, m, enum_code(m) FROM (" + q + ")").fetchAll();
            assertEquals(expected.size(), back.size());
            for (int r = 0; r < expected.size(); r++) assertTrue(Objects.deepEquals(expected.get(r), back.get(r)), "row " + r);
            teal.unregister("moods_back");
        }
        // through the C Stream interface: the dictionary travels with the stream, the enum comes back
        try (Connection producer = teal.duplicate();
             org.apache.arrow.c.ArrowArrayStream stream = org.apache.arrow.c.ArrowArrayStream.allocateNew(allocator)) {
            TealArrow.exportArrayStream(producer.sql(q), allocator, 3000, stream);
            try (ArrowReader imported = org.apache.arrow.c.Data.importArrayStream(allocator, stream)) {
                assertEquals(new org.apache.arrow.vector.types.pojo.ArrowType.Int(8, false),
                        imported.getVectorSchemaRoot().getSchema().getFields().get(1).getDictionary().getIndexType());
                TealArrow.register(teal, "moods_c", imported);
                List<Object[]> back = teal.sql("SELECT i, m, enum_code(m) FROM moods_c").fetchAll();
                List<Object[]> expected = teal.sql("SELECT i, m, enum_code(m) FROM (" + q + ")").fetchAll();
                assertEquals(expected.size(), back.size());
                for (int r = 0; r < expected.size(); r++) assertTrue(Objects.deepEquals(expected.get(r), back.get(r)), "row " + r);
                teal.unregister("moods_c");
            }
        }
        // DuckDB exports the same enum the same way: the index type, unordered, the labels as the
        // dictionary, and the same label in every row
        try (ArrowReader t = TealArrow.arrowReader(teal.sql(q), allocator, 3000); Statement st = duck.createStatement()) {
            st.execute("CREATE TYPE mood AS ENUM (" + labels + ")");
            try (ArrowReader d = duckReader(st, q, 2500)) {
                Field tf = t.getVectorSchemaRoot().getSchema().getFields().get(1);
                Field df = d.getVectorSchemaRoot().getSchema().getFields().get(1);
                assertEquals(df.getType(), tf.getType());
                assertEquals(df.getDictionary().getIndexType(), tf.getDictionary().getIndexType());
                assertEquals(df.getDictionary().isOrdered(), tf.getDictionary().isOrdered());
                List<Object> mine = decoded(t, 1);
                assertEquals(decoded(d, 1), mine);
                assertEquals(7000, mine.size());
                assertEquals(null, mine.get(0));
                assertEquals("it's ok", mine.get(3));
                var tl = t.lookup(tf.getDictionary().getId()).getVector();
                var dl = d.lookup(df.getDictionary().getId()).getVector();
                assertEquals(dl.getValueCount(), tl.getValueCount());
                for (int i = 0; i < tl.getValueCount(); i++) assertEquals(dl.getObject(i).toString(), tl.getObject(i).toString());
            }
        }
        // a whole table: codes in the batches, labels from ArrowSchemas.enumDictionaries; read back
        // with the dictionaries (labels matched) and without them (the codes taken as they are)
        io.tealdb.Result r = teal.execute(q);
        List<VectorSchemaRoot> batches = TealArrow.toArrowBatches(r, allocator, 3000);
        var dictionaries = ArrowSchemas.enumDictionaries(r.columnTypes(), allocator);
        r.close();
        try {
            List<Object[]> expected = teal.sql(q).fetchAll();
            List<Object[]> withLabels = new ArrayList<>();
            List<Object[]> withCodes = new ArrayList<>();
            for (VectorSchemaRoot b : batches) {
                withLabels.addAll(TealArrow.fromArrow(teal, b, dictionaries).fetchAll());
                withCodes.addAll(TealArrow.fromArrow(teal, b).fetchAll());
                assertEquals(teal.sql(q).types(), TealArrow.fromArrow(teal, b).types());
            }
            assertEquals(expected.size(), withLabels.size());
            for (int i = 0; i < expected.size(); i++) {
                assertTrue(Objects.deepEquals(expected.get(i), withLabels.get(i)), "row " + i);
                assertTrue(Objects.deepEquals(expected.get(i), withCodes.get(i)), "row " + i);
            }
        } finally {
            for (VectorSchemaRoot b : batches) b.close();
            for (long id : dictionaries.getDictionaryIds()) dictionaries.lookup(id).getVector().close();
        }
    }

    /** Each row of column {@code c} with dictionary-encoded values (at any depth) replaced by their labels. */
    private static List<Object> nestedDecoded(ArrowReader reader, int c) throws Exception {
        List<Object> out = new ArrayList<>();
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        while (reader.loadNextBatch()) {
            FieldVector v = root.getVector(c);
            for (int r = 0; r < root.getRowCount(); r++) out.add(labelled(reader, v, r));
        }
        return out;
    }

    private static Object labelled(ArrowReader reader, FieldVector v, int r) throws Exception {
        if (v.isNull(r)) return null;
        var encoding = v.getField().getDictionary();
        if (encoding != null) {
            long index = ((org.apache.arrow.vector.BaseIntVector) v).getValueAsLong(r);
            return reader.lookup(encoding.getId()).getVector().getObject((int) index).toString();
        }
        if (v instanceof org.apache.arrow.vector.complex.ListVector l) {
            List<Object> items = new ArrayList<>();
            for (int i = l.getElementStartIndex(r); i < l.getElementEndIndex(r); i++) items.add(labelled(reader, l.getDataVector(), i));
            return items;
        }
        if (v instanceof org.apache.arrow.vector.complex.StructVector st) {
            List<Object> fields = new ArrayList<>();
            for (int f = 0; f < st.size(); f++) fields.add(labelled(reader, (FieldVector) st.getChildByOrdinal(f), r));
            return fields;
        }
        Object o = v.getObject(r);
        return o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o;
    }

    @Test
    void enumsInsideListsStructsAndMapsGoOutDictionaryEncodedAsDuckDbs() throws Exception {
        String labels = "'sad', 'ok', 'happy'";
        String q = "SELECT i, CASE WHEN i % 11 = 0 THEN NULL ELSE [enum_range(NULL::mood)[i % 3 + 1], NULL, 'ok'::mood] END AS l,"
                + " {'m': CASE WHEN i % 5 = 0 THEN NULL ELSE enum_range(NULL::mood)[i % 3 + 1] END, 'n': i} AS s,"
                + " [{'inner': [enum_range(NULL::mood)[(i + 1) % 3 + 1]]}] AS deep,"
                + " CASE WHEN i % 4 = 0 THEN NULL ELSE enum_range(NULL::mood)[i % 3 + 1] END AS top,"
                + " map([enum_range(NULL::mood)[i % 3 + 1]], [enum_range(NULL::mood)[(i + 2) % 3 + 1]]) AS mp"
                + " FROM range(5000) t(i) ORDER BY i";
        teal.execute("CREATE TYPE mood AS ENUM (" + labels + ")").close();
        try (Statement st = duck.createStatement()) {
            st.execute("CREATE TYPE mood AS ENUM (" + labels + ")");
            for (int c = 1; c <= 5; c++) {
                try (Connection producer = teal.duplicate(); ArrowReader t = TealArrow.arrowReader(producer.sql(q), allocator, 3000);
                     ArrowReader d = duckReader(st, q, 2048)) {
                    Field tf = t.getVectorSchemaRoot().getSchema().getFields().get(c);
                    Field df = d.getVectorSchemaRoot().getSchema().getFields().get(c);
                    assertEquals(shape(df), shape(tf), "column " + c);
                    List<Object> mine = nestedDecoded(t, c);
                    assertEquals(nestedDecoded(d, c), mine, "column " + c);
                    assertEquals(5000, mine.size());
                }
            }
        }
        // TealDB reads its own export back as the same types and values, also through the C Stream interface
        comesBackThroughTheCStream(q, "nested_moods");
    }

    /** {@code q}'s result exported through the C Stream interface and registered again gives the same types and rows. */
    private void comesBackThroughTheCStream(String q, String name) throws Exception {
        List<Object[]> expected = teal.sql(q).fetchAll();
        try (Connection producer = teal.duplicate();
             org.apache.arrow.c.ArrowArrayStream stream = org.apache.arrow.c.ArrowArrayStream.allocateNew(allocator)) {
            TealArrow.exportArrayStream(producer.sql(q), allocator, 3000, stream);
            try (ArrowReader imported = org.apache.arrow.c.Data.importArrayStream(allocator, stream)) {
                TealArrow.register(teal, name, imported);
                assertEquals(teal.sql(q).types(), teal.sql("SELECT * FROM " + name).types());
                List<Object[]> back = teal.sql("SELECT * FROM " + name).fetchAll();
                assertEquals(expected.size(), back.size());
                for (int r = 0; r < expected.size(); r++) assertTrue(Objects.deepEquals(expected.get(r), back.get(r)), "row " + r);
                teal.unregister(name);
            }
        }
    }

    @Test
    void bitGoesOutAsDuckDbsBinaryAndComesBackAsBit() throws Exception {
        // 1 to 40 bits (padding 0..7, one to five bytes), NULLs, 5,000 rows over several chunks
        String q = "SELECT i, CASE WHEN i % 13 = 0 THEN NULL ELSE substr(bin(i * 2654435761), 1, (i % 40 + 1)::INTEGER)::BIT END AS b,"
                + " [CASE WHEN i % 3 = 0 THEN '1'::BIT ELSE '0110'::BIT END] AS l FROM range(5000) t(i) ORDER BY i";
        try (Connection producer = teal.duplicate(); ArrowReader t = TealArrow.arrowReader(producer.sql(q), allocator, 3000);
             Statement st = duck.createStatement(); ArrowReader d = duckReader(st, q, 2048)) {
            assertEquals(shape(d.getVectorSchemaRoot().getSchema().getFields().get(1)), shape(t.getVectorSchemaRoot().getSchema().getFields().get(1)));
            assertEquals(shape(d.getVectorSchemaRoot().getSchema().getFields().get(2)), shape(t.getVectorSchemaRoot().getSchema().getFields().get(2)));
            List<List<Object>> mine = drain(t), theirs = drain(d);
            for (int c = 1; c <= 2; c++) {
                assertEquals(theirs.get(c).size(), mine.get(c).size());
                for (int r = 0; r < mine.get(c).size(); r++) {
                    assertEquals(String.valueOf(deep(theirs.get(c).get(r))), String.valueOf(deep(mine.get(c).get(r))), "column " + c + " row " + r);
                }
            }
        }
        comesBackThroughTheCStream(q, "bits_back");
    }

    /** Byte arrays (also inside lists) as lists of their bytes, so values compare by content. */
    private static Object deep(Object o) {
        if (o instanceof byte[] b) {
            List<Byte> out = new ArrayList<>();
            for (byte x : b) out.add(x);
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) out.add(deep(x));
            return out;
        }
        return o;
    }

    /** A field's types, nullability aside: each level's Arrow type, and a dictionary's index type and ordering. */
    private static String shape(Field f) {
        StringBuilder b = new StringBuilder(f.getType().toString());
        if (f.getDictionary() != null) b.append(" dict ").append(f.getDictionary().getIndexType()).append(f.getDictionary().isOrdered());
        if (!f.getChildren().isEmpty()) {
            b.append('<');
            for (Field c : f.getChildren()) b.append(c.getName()).append(": ").append(shape(c)).append(", ");
            b.append('>');
        }
        return b.toString();
    }

    @Test
    void enumWithMoreThan255LabelsHasSixteenBitIndicesAsDuckDbs() throws Exception {
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 300; i++) labels.append(i == 0 ? "" : ", ").append("'l").append(i).append('\'');
        teal.execute("CREATE TYPE wide AS ENUM (" + labels + ")").close();
        String q = "SELECT ('l' || (i % 300))::wide AS w FROM range(5000) t(i)";
        try (ArrowReader t = TealArrow.arrowReader(teal.sql(q), allocator, 3000); Statement st = duck.createStatement()) {
            st.execute("CREATE TYPE wide AS ENUM (" + labels + ")");
            try (ArrowReader d = duckReader(st, q, 3000)) {
                Field tf = t.getVectorSchemaRoot().getSchema().getFields().get(0);
                assertEquals(new org.apache.arrow.vector.types.pojo.ArrowType.Int(16, false), tf.getDictionary().getIndexType());
                assertEquals(d.getVectorSchemaRoot().getSchema().getFields().get(0).getDictionary().getIndexType(), tf.getDictionary().getIndexType());
                List<Object> mine = decoded(t, 0);
                assertEquals(decoded(d, 0), mine);
                assertEquals("l299", mine.get(299));
            }
        }
    }
}
