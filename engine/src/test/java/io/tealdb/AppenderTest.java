package io.tealdb;

import io.tealdb.error.ConversionException;
import io.tealdb.error.InvalidInputException;
import io.tealdb.error.OutOfRangeException;
import io.tealdb.testing.FakeEngine;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AppenderTest {
    private final FakeEngine engine = new FakeEngine();
    private final Connection con = Database.wrap(engine).connect();

    {
        engine.tables.put("main.t", List.of(LogicalType.BIGINT, LogicalType.DOUBLE, LogicalType.VARCHAR));
        engine.tables.put("main.typed", List.of(LogicalType.INTEGER, LogicalType.decimal(5, 2), LogicalType.DATE, LogicalType.BOOLEAN,
                LogicalType.SMALLINT));
    }

    @Test
    void buffersRowsAndFlushesEvery2048() {
        try (Appender a = con.appender("t")) {
            for (int i = 0; i < 5000; i++) {
                a.append((long) i).append(i * 0.5);
                if (i % 7 == 0) {
                    a.appendNull();
                } else {
                    a.append("v" + i + (i % 11 == 0 ? "é€😀" : ""));
                }
                a.endRow();
                if (i == 2046) {
                    assertTrue(engine.appended.isEmpty(), "nothing is handed over before a chunk is full");
                }
            }
            assertEquals(2, engine.appended.size());
            assertEquals(5000 - 4096, a.bufferedRows());
        }
        assertEquals(3, engine.appended.size(), "close flushes the rest");
        assertEquals(1, engine.appenderCloses);
        DataChunk first = engine.appended.get(0);
        assertEquals(DataChunk.CAPACITY, first.size());
        assertEquals(2047L, first.column(0).longs[2047]);
        assertEquals(1.5, first.column(1).doubles[3]);
        assertTrue(first.column(2).isNull(0));
        assertEquals("v1", first.column(2).getString(1));
        assertEquals("v11é€😀", first.column(2).getString(11));
        DataChunk last = engine.appended.get(2);
        assertEquals(5000 - 4096, last.size());
        assertEquals(4096L, last.column(0).longs[0]);
        assertNotSame(first, last);
    }

    @Test
    void convertsAndChecksTypes() {
        try (Appender a = con.appender("typed")) {
            a.append(7).append(new BigDecimal("1.235")).append(LocalDate.of(2020, 1, 2)).append(true).append(12).endRow();
            a.append((Object) 8L).append(3).append("2021-03-04").append("false").append((short) -1).endRow();
            ConversionException wrong = assertThrows(ConversionException.class, () -> a.append("x"));
            assertTrue(wrong.getMessage().contains("INTEGER"), wrong.getMessage());
            assertThrows(ConversionException.class, () -> a.append(true));
            assertThrows(OutOfRangeException.class, () -> a.append(1L << 40));
            a.append(9);
            assertThrows(OutOfRangeException.class, () -> a.append(new BigDecimal("1000.00")), "DECIMAL(5,2) holds < 1000");
            a.append(1.5);
            InvalidInputException early = assertThrows(InvalidInputException.class, a::endRow);
            assertTrue(early.getMessage().contains("2 values") && early.getMessage().contains("5 columns"), early.getMessage());
            assertThrows(InvalidInputException.class, a::flush);
            a.appendNull().appendNull().append(70000 - 70000).endRow();
            assertThrows(InvalidInputException.class, () -> a.appendRow(1, 2));
        }
        DataChunk c = engine.appended.getFirst();
        assertEquals(3, c.size());
        assertEquals(7, c.column(0).ints[0]);
        assertEquals(124L, c.column(1).longs[0], "1.235 rounds half up to 1.24");
        assertEquals(300L, c.column(1).longs[1]);
        assertEquals(18263, c.column(2).ints[0]);
        assertEquals(LocalDate.of(2021, 3, 4), JavaValues.toJava(c.column(2), 1));
        assertEquals(0, c.column(3).bytes[1]);
        assertEquals((short) -1, c.column(4).shorts[1]);
        assertEquals(150L, c.column(1).longs[2]);
        assertTrue(c.column(2).isNull(2));
        assertFalse(c.column(2).isNull(1));
    }

    @Test
    void tooManyValuesAndUnknownTable() {
        try (Appender a = con.appender("t")) {
            a.append(1L).append(2.0).append("x");
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.append(3L));
            assertTrue(e.getMessage().contains("3 columns"), e.getMessage());
            a.endRow();
        }
        assertThrows(io.tealdb.error.CatalogException.class, () -> con.appender("nope"));
    }

    @Test
    void appendsManyRowsQuickly() {
        // a sanity bound, not a benchmark: 2M rows of BIGINT, DOUBLE, VARCHAR well under a few seconds
        long start = System.nanoTime();
        try (Appender a = con.appender("t")) {
            for (int i = 0; i < 2_000_000; i++) {
                a.append((long) i).append((double) i).append("name").endRow();
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(2_000_000, engine.appended.stream().mapToInt(DataChunk::size).sum());
        assertTrue(ms < 5000, "took " + ms + " ms");
    }
}
