package io.tealdb;

import io.tealdb.types.LogicalType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BoxRendererTest {
    @Test
    void elidesMiddleRowsWithDotsAndFooter() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new String[]{Integer.toString(i)});
        }
        String box = new BoxRenderer(6, 80).render(List.of("range"), List.of(LogicalType.BIGINT), rows);
        assertEquals("""
                ┌───────────┐
                │   range   │
                │   int64   │
                ├───────────┤
                │         0 │
                │         1 │
                │         2 │
                │         · │
                │         · │
                │         · │
                │        97 │
                │        98 │
                │        99 │
                ├───────────┤
                │ 100 rows  │
                │ (6 shown) │
                └───────────┘
                """, box);
    }

    @Test
    void wideFooterFitsOnOneLine() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(new String[]{"row number " + i, Integer.toString(i)});
        }
        String box = new BoxRenderer(4, 80).render(List.of("description", "n"), List.of(LogicalType.VARCHAR, LogicalType.INTEGER), rows);
        assertTrue(box.contains("│ row number 0  │     0 │"), box);
        assertTrue(box.contains("│ row number 49 │    49 │"), box);
        assertTrue(box.contains("│   50 rows (4 shown)   │"), box);
        assertFalse(box.contains("row number 2 "), box);
    }

    @Test
    void truncatesWideValuesThenElidesColumns() {
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        String[] row = new String[12];
        for (int c = 0; c < 12; c++) {
            names.add("column_" + c);
            types.add(LogicalType.VARCHAR);
            row[c] = "a value that is rather long " + c;
        }
        String box = new BoxRenderer(40, 100).render(names, types, List.<String[]>of(row));
        for (String line : box.split("\n")) {
            assertTrue(BoxRenderer.displayWidth(line) <= 100, line);
        }
        assertTrue(box.contains("column_0"), box);
        assertTrue(box.contains("column_11"), box);
        assertFalse(box.contains("column_5"), box);
        assertTrue(box.contains("a value that is rat…"), box);
        assertTrue(box.contains("12 columns"), box);
        assertTrue(box.contains(" … "), box);
    }

    @Test
    void emptyResultSaysZeroRows() {
        String box = new BoxRenderer().render(List.of("i"), List.of(LogicalType.INTEGER), List.of());
        assertEquals("""
                ┌────────┐
                │   i    │
                │ int32  │
                ├────────┤
                │ 0 rows │
                └────────┘
                """, box);
    }

    @Test
    void escapesNewlinesAndCountsWideCharacters() {
        String box = new BoxRenderer().render(List.of("s"), List.of(LogicalType.VARCHAR), List.<String[]>of(new String[]{"a\nb"}, new String[]{"日本"}));
        assertTrue(box.contains("│ a\\nb    │"), box);
        assertTrue(box.contains("│ 日本    │"), box);
    }
}
