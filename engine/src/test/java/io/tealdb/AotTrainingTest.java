package io.tealdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ahead-of-time cache's training workload runs every statement without an error (a statement
 * that failed would train the error path instead), and its queries give DuckDB's answers over
 * the same data.
 */
class AotTrainingTest {
    @TempDir
    Path dir;

    @Test
    void trainingWorkloadRunsAndAnswersAsDuckDb() throws Exception {
        Path db = dir.resolve("training.db");
        AotTraining.run(db, 1);
        assertTrue(Files.exists(db));
        try (java.sql.Connection t = DriverManager.getConnection("jdbc:teal:" + db);
             java.sql.Connection d = DriverManager.getConnection("jdbc:duckdb:");
             Statement ts = t.createStatement(); Statement ds = d.createStatement()) {
            for (String sql : AotTraining.SETUP) {
                if (!sql.equals("CHECKPOINT")) ds.execute(sql);
            }
            for (String sql : AotTraining.QUERIES) {
                assertEquals(rows(ds.executeQuery(sql)), rows(ts.executeQuery(sql)), sql);
            }
        }
    }

    private static List<String> rows(ResultSet rs) throws Exception {
        List<String> out = new ArrayList<>();
        int cols = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= cols; i++) {
                Object o = rs.getObject(i);
                if (o instanceof java.math.BigDecimal b) o = b.stripTrailingZeros().toPlainString();
                if (o instanceof Double x) o = String.format(java.util.Locale.ROOT, "%.6g", x);
                sb.append(i > 1 ? "|" : "").append(o);
            }
            out.add(sb.toString());
        }
        rs.close();
        return out;
    }
}
