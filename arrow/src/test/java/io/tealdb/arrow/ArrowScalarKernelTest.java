package io.tealdb.arrow;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.InvalidInputException;
import io.tealdb.types.LogicalType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** User functions whose body works on Arrow batches: results of the declared type, of another type (cast), of the wrong length. */
class ArrowScalarKernelTest {
    @Test
    void bodiesSeeChunksAsRecordBatchesAndAnswersAreCast() {
        try (BufferAllocator allocator = new RootAllocator(); Connection c = Teal.connect()) {
            // halves a BIGINT as a DOUBLE array; the function is declared BIGINT, so the engine casts (half to even, as DuckDB)
            c.createFunction("halve", List.of(LogicalType.BIGINT), LogicalType.BIGINT,
                    new ArrowScalarKernel("halve", List.of(LogicalType.BIGINT), LogicalType.BIGINT, allocator, root -> {
                        BigIntVector in = (BigIntVector) root.getVector(0);
                        Float8Vector out = new Float8Vector("r", allocator);
                        out.allocateNew(root.getRowCount());
                        for (int i = 0; i < root.getRowCount(); i++) out.set(i, in.get(i) / 2.0);
                        out.setValueCount(root.getRowCount());
                        return out;
                    }));
            c.createFunction("tag", List.of(LogicalType.VARCHAR, LogicalType.BIGINT), LogicalType.VARCHAR,
                    new ArrowScalarKernel("tag", List.of(LogicalType.VARCHAR, LogicalType.BIGINT), LogicalType.VARCHAR, allocator, root -> {
                        VarCharVector s = (VarCharVector) root.getVector(0);
                        BigIntVector n = (BigIntVector) root.getVector(1);
                        VarCharVector out = new VarCharVector("r", allocator);
                        out.allocateNew(root.getRowCount());
                        for (int i = 0; i < root.getRowCount(); i++) {
                            out.setSafe(i, (new String(s.get(i), StandardCharsets.UTF_8) + "#" + n.get(i)).getBytes(StandardCharsets.UTF_8));
                        }
                        out.setValueCount(root.getRowCount());
                        return out;
                    }));
            Object[] row = c.execute("SELECT sum(halve(i)), sum((i / 2.0)::BIGINT), count(DISTINCT tag('k' || (i % 7), i)) FROM range(10000) r(i)").fetchOne();
            assertEquals(row[1], row[0]);
            assertEquals(10000L, ((Number) row[2]).longValue());
            assertEquals("k3#10", c.execute("SELECT tag('k3', 10)").fetchOne()[0]);
            assertEquals(0, allocator.getAllocatedMemory(), "every batch and answer is released");
        }
    }

    @Test
    void anAnswerOfTheWrongLengthIsAnError() {
        try (BufferAllocator allocator = new RootAllocator(); Connection c = Teal.connect()) {
            c.createFunction("short", List.of(LogicalType.BIGINT), LogicalType.BIGINT,
                    new ArrowScalarKernel("short", List.of(LogicalType.BIGINT), LogicalType.BIGINT, allocator, root -> {
                        FieldVector out = new BigIntVector("r", allocator);
                        out.setValueCount(0);
                        return out;
                    }));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> c.execute("SELECT short(i) FROM range(5) r(i)").fetchAll());
            assertTrue(e.getMessage().contains("should have 5 tuples, found 0"), e.getMessage());
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }
}
