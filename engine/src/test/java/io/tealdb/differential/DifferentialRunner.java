package io.tealdb.differential;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the same {@link RandomTables} into two databases, runs the same generated queries on
 * both and reports every query whose result multisets differ (or that fails on one side only).
 */
public final class DifferentialRunner {

    /** Outcome of a run: failures are human-readable, one per query. */
    public record Report(int queries, int nonEmptyResults, int bothFailed, List<String> failures) {}

    private DifferentialRunner() {}

    public static Report run(Connection left, String leftName, Connection right, String rightName, long seed,
                             int rowsPerTable, int queries) throws SQLException {
        RandomTables.create(left, seed, rowsPerTable);
        RandomTables.create(right, seed, rowsPerTable);
        QueryGenerator gen = new QueryGenerator(seed * 31 + 7);
        List<String> failures = new ArrayList<>();
        int nonEmpty = 0;
        int bothFailed = 0;
        for (int q = 0; q < queries; q++) {
            String sql = gen.next();
            Object a = execute(left, sql);
            Object b = execute(right, sql);
            if (a instanceof String ea && b instanceof String eb) {
                bothFailed++;
                failures.add("query " + q + " failed on both (" + leftName + ": " + ea + "; " + rightName + ": " + eb
                        + ")\n  SQL: " + sql);
            } else if (a instanceof String ea) {
                failures.add("query " + q + " failed on " + leftName + ": " + ea + "\n  SQL: " + sql);
            } else if (b instanceof String eb) {
                failures.add("query " + q + " failed on " + rightName + ": " + eb + "\n  SQL: " + sql);
            } else {
                ResultMultiset ra = (ResultMultiset) a;
                String diff = ra.diff((ResultMultiset) b, leftName, rightName);
                if (diff != null) {
                    failures.add("query " + q + " differs: " + diff + "\n  SQL: " + sql);
                }
                if (!ra.rows().isEmpty()) {
                    nonEmpty++;
                }
            }
        }
        return new Report(queries, nonEmpty, bothFailed, failures);
    }

    /** @return a ResultMultiset, or the error text (any throwable from a driver counts as failure) */
    private static Object execute(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return ResultMultiset.read(rs);
        } catch (Throwable t) {
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        }
    }
}
