package io.tealdb.arrow;

import io.tealdb.Connection;
import io.tealdb.Teal;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.DenseUnionVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.UnionMode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * UNION through Arrow: TealDB exports a sparse union as DuckDB does (same Arrow type, same values per
 * row, a NULL union as member 0 holding NULL), reads DuckDB's union streams back, round-trips its
 * own (also through the C Stream interface), and reads a dense union, over 7,000 rows.
 */
class UnionArrowTest {
    static final String U = "UNION(num INTEGER, str VARCHAR, l INTEGER[])";
    static final String Q = "SELECT i, CASE WHEN i % 97 = 0 THEN NULL WHEN i % 89 = 0 THEN union_value(str := NULL::VARCHAR)::" + U
            + " WHEN i % 3 = 0 THEN union_value(num := i)::" + U + " WHEN i % 3 = 1 THEN union_value(str := 's' || i)::" + U
            + " ELSE union_value(l := [i, NULL])::" + U + " END AS u FROM range(7000) t(i) ORDER BY i";

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

    /** Per row: the union's type id and the active child's value, as Arrow Java reads them. */
    private static List<List<Object>> drainUnion(ArrowReader reader, int c) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        while (reader.loadNextBatch()) {
            FieldVector v = root.getVector(c);
            org.apache.arrow.vector.complex.UnionVector u = (org.apache.arrow.vector.complex.UnionVector) v;
            List<FieldVector> kids = u.getChildrenFromFields();
            int[] ids = ((ArrowType.Union) root.getSchema().getFields().get(c).getType()).getTypeIds();
            for (int r = 0; r < root.getRowCount(); r++) {
                int id = u.getTypeBuffer().getByte(r);
                int member = -1;
                for (int k = 0; k < ids.length; k++) if (ids[k] == id) member = k;
                Object o = member < 0 ? null : kids.get(member).getObject(r);
                if (o instanceof org.apache.arrow.vector.util.Text t) o = t.toString();
                out.add(Arrays.asList(member, o));
            }
        }
        return out;
    }

    @Test
    void exportIsDuckDbsSparseUnion() throws Exception {
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(Q);
             ArrowReader d = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, 2500);
             Connection producer = teal.duplicate();
             ArrowReader t = TealArrow.arrowReader(producer.sql(Q), allocator, 3000)) {
            Field df = d.getVectorSchemaRoot().getSchema().getFields().get(1);
            Field tf = t.getVectorSchemaRoot().getSchema().getFields().get(1);
            assertEquals(df.getType(), tf.getType());
            assertEquals(new ArrowType.Union(UnionMode.Sparse, new int[]{0, 1, 2}), tf.getType());
            assertEquals(df.getChildren().stream().map(Field::getName).toList(), tf.getChildren().stream().map(Field::getName).toList());
            assertEquals(df.getChildren().stream().map(Field::getType).toList(), tf.getChildren().stream().map(Field::getType).toList());
            List<List<Object>> dv = drainUnion(d, 1);
            List<List<Object>> tv = drainUnion(t, 1);
            assertEquals(7000, tv.size());
            for (int r = 0; r < dv.size(); r++) {
                assertTrue(Objects.deepEquals(dv.get(r), tv.get(r)), "row " + r + ": DuckDB " + dv.get(r) + ", TealDB " + tv.get(r));
            }
        }
    }

    @Test
    void duckDbAndOwnUnionStreamsReadBack() throws Exception {
        // DuckDB's Arrow scan: a row whose active member is NULL is a NULL union
        String expectedSql = "SELECT i, CASE WHEN i % 89 = 0 THEN NULL ELSE u END AS u FROM (" + Q + ")";
        List<Object[]> expected = teal.sql("SELECT i, u::VARCHAR, union_tag(u), typeof(u) FROM (" + expectedSql + ") ORDER BY i").fetchAll();
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(Q);
             ArrowReader d = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, 2500)) {
            TealArrow.register(teal, "from_duck", d);
            assertRows(expected, teal.sql("SELECT i, u::VARCHAR, union_tag(u), typeof(u) FROM from_duck ORDER BY i").fetchAll());
            teal.unregister("from_duck");
        }
        try (Connection producer = teal.duplicate(); ArrowReader t = TealArrow.arrowReader(producer.sql(Q), allocator, 3000)) {
            TealArrow.register(teal, "own", t);
            assertRows(expected, teal.sql("SELECT i, u::VARCHAR, union_tag(u), typeof(u) FROM own ORDER BY i").fetchAll());
            teal.unregister("own");
        }
        try (Connection producer = teal.duplicate();
             org.apache.arrow.c.ArrowArrayStream stream = org.apache.arrow.c.ArrowArrayStream.allocateNew(allocator)) {
            TealArrow.exportArrayStream(producer.sql(Q), allocator, 3000, stream);
            try (ArrowReader imported = org.apache.arrow.c.Data.importArrayStream(allocator, stream)) {
                TealArrow.register(teal, "own_c", imported);
                assertRows(expected, teal.sql("SELECT i, u::VARCHAR, union_tag(u), typeof(u) FROM own_c ORDER BY i").fetchAll());
                teal.unregister("own_c");
            }
        }
    }

    private static void assertRows(List<Object[]> expected, List<Object[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int r = 0; r < expected.size(); r++) {
            assertTrue(Objects.deepEquals(expected.get(r), actual.get(r)), "row " + r + ": " + Arrays.toString(expected.get(r)) + " vs " + Arrays.toString(actual.get(r)));
        }
    }

    @Test
    void denseUnionReads() throws Exception {
        int rows = 5000;
        Field num = new Field("num", FieldType.nullable(new ArrowType.Int(32, true)), null);
        Field str = new Field("str", FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
        Field union = new Field("u", FieldType.nullable(new ArrowType.Union(UnionMode.Dense, new int[]{5, 7})), List.of(num, str));
        try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(union)), allocator)) {
            DenseUnionVector u = (DenseUnionVector) root.getVector(0);
            u.allocateNew();
            IntVector nums = (IntVector) u.getChildrenFromFields().get(0);
            VarCharVector strs = (VarCharVector) u.getChildrenFromFields().get(1);
            int n = 0;
            int s = 0;
            for (int r = 0; r < rows; r++) {
                while (u.getValueCapacity() <= r) u.reAlloc();
                if (r % 2 == 0) {
                    u.setTypeId(r, (byte) 5);
                    u.setOffset(r, n);
                    if (r % 10 == 0) nums.setNull(n);
                    else nums.setSafe(n, r);
                    n++;
                } else {
                    u.setTypeId(r, (byte) 7);
                    u.setOffset(r, s);
                    strs.setSafe(s, ("v" + r).getBytes(StandardCharsets.UTF_8));
                    s++;
                }
            }
            nums.setValueCount(n);
            strs.setValueCount(s);
            u.setValueCount(rows);
            root.setRowCount(rows);
            TealArrow.register(teal, "dense", root);
            List<Object[]> got = teal.sql("SELECT u, union_tag(u), typeof(u) FROM dense").fetchAll();
            assertEquals(rows, got.size());
            for (int r = 0; r < rows; r++) {
                Object v = r % 10 == 0 ? null : r % 2 == 0 ? (Object) r : "v" + r;
                Object tag = r % 10 == 0 ? null : r % 2 == 0 ? "num" : "str";
                assertTrue(Objects.deepEquals(new Object[]{v, tag, "UNION(num INTEGER, str VARCHAR)"}, got.get(r)), "row " + r + ": " + Arrays.toString(got.get(r)));
            }
            teal.unregister("dense");
        }
    }
}
