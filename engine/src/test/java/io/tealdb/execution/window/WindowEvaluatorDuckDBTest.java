package io.tealdb.execution.window;

import io.tealdb.execution.TaskScheduler;
import io.tealdb.planner.expression.WindowFrame;
import io.tealdb.types.Interval;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.Vector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.tealdb.execution.window.WindowFunctionKind.*;
import static io.tealdb.execution.window.WindowSpec.Bound.*;
import static io.tealdb.execution.window.WindowTestSupport.W;
import static io.tealdb.execution.window.WindowTestSupport.agg;
import static io.tealdb.planner.expression.WindowFrame.Exclude.GROUP;
import static io.tealdb.planner.expression.WindowFrame.Exclude.TIES;
import static io.tealdb.planner.expression.WindowFrame.Mode.GROUPS;
import static io.tealdb.planner.expression.WindowFrame.Mode.RANGE;
import static io.tealdb.planner.expression.WindowFrame.Mode.ROWS;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every window function and frame shape evaluated by {@link WindowEvaluator} on generated data
 * (NULLs, ties, skewed and single-row partitions) and compared row by row with DuckDB running the
 * same window expression over the same table.
 */
class WindowEvaluatorDuckDBTest {
    static final int N = 1500;
    // column positions in the evaluator input
    static final int ID = 0, G = 1, O = 2, X = 3, D = 4, S = 5, DT = 6, FLAG = 7, TS = 8;
    static final LogicalType[] TYPES = {LogicalType.INTEGER, LogicalType.INTEGER, LogicalType.INTEGER, LogicalType.INTEGER,
            LogicalType.DOUBLE, LogicalType.VARCHAR, LogicalType.DATE, LogicalType.BOOLEAN, LogicalType.TIMESTAMP};

    static Connection duck;
    static final List<Vector> columns = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = duck.createStatement()) {
            st.execute("CREATE TABLE t(id INTEGER, g INTEGER, o INTEGER, x INTEGER, d DOUBLE, s VARCHAR, dt DATE, flag BOOLEAN, ts TIMESTAMP)");
        }
        for (LogicalType t : TYPES) columns.add(new Vector(t, N));
        Random rnd = new Random(42);
        try (PreparedStatement ps = duck.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?::DATE, ?, ?::TIMESTAMP)")) {
            for (int i = 0; i < N; i++) {
                double r = rnd.nextDouble();
                Integer g = r < 0.05 ? null : r < 0.06 ? Integer.valueOf(9 + i % 3) : Integer.valueOf(rnd.nextInt(4));
                Integer o = rnd.nextDouble() < 0.08 ? null : rnd.nextInt(40);
                Integer x = rnd.nextDouble() < 0.2 ? null : rnd.nextInt(101) - 50;
                Double d = rnd.nextDouble() < 0.1 ? null : Math.round(rnd.nextGaussian() * 400) / 100.0;
                String s = rnd.nextDouble() < 0.15 ? null : "s" + rnd.nextInt(30);
                Integer dt = rnd.nextDouble() < 0.1 ? null : 18262 + rnd.nextInt(400); // days since epoch
                boolean flag = rnd.nextBoolean();
                Long ts = rnd.nextDouble() < 0.1 ? null : 1_577_836_800_000_000L + (long) rnd.nextInt(2_000_000) * 60_000_000L;
                Object[] row = {i, g, o, x, d, s, dt, flag, ts};
                for (int c = 0; c < row.length; c++) columns.get(c).setObject(i, row[c]);
                ps.setInt(1, i);
                setInt(ps, 2, g);
                setInt(ps, 3, o);
                setInt(ps, 4, x);
                if (d == null) ps.setNull(5, Types.DOUBLE); else ps.setDouble(5, d);
                if (s == null) ps.setNull(6, Types.VARCHAR); else ps.setString(6, s);
                if (dt == null) ps.setNull(7, Types.VARCHAR); else ps.setString(7, java.time.LocalDate.ofEpochDay(dt).toString());
                ps.setBoolean(8, flag);
                if (ts == null) ps.setNull(9, Types.VARCHAR);
                else ps.setString(9, java.time.LocalDateTime.ofEpochSecond(ts / 1_000_000, 0, java.time.ZoneOffset.UTC).toString().replace('T', ' '));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws Exception {
        if (v == null) ps.setNull(i, Types.INTEGER); else ps.setInt(i, v);
    }

    @AfterAll
    static void tearDown() throws Exception {
        duck.close();
    }

    /** A constant column (e.g. a frame offset or a function parameter). */
    static int lit(LogicalType type, Object value) {
        columns.add(Vector.constant(type, value, N));
        return columns.size() - 1;
    }

    record Case(String sql, W window) {
    }

    static List<Case> cases() {
        LogicalType BIGINT = LogicalType.BIGINT;
        LogicalType INT = LogicalType.INTEGER;
        int one = lit(BIGINT, 1L), two = lit(BIGINT, 2L), three = lit(BIGINT, 3L), five = lit(BIGINT, 5L);
        int minus1 = lit(INT, -1);
        int tenDays = lit(LogicalType.INTERVAL, new Interval(0, 10, 0));
        int oneMonth = lit(LogicalType.INTERVAL, new Interval(1, 0, 0));
        int sixHours = lit(LogicalType.INTERVAL, new Interval(0, 0, 6L * 3600_000_000L));
        int half = lit(LogicalType.DOUBLE, 0.5);
        var sumX = agg("sum", INT);
        var cnt = agg("count_star");
        var cntX = agg("count", INT);
        var minS = agg("min", LogicalType.VARCHAR);
        var maxD = agg("max", LogicalType.DOUBLE);
        var avgX = agg("avg", INT);
        var strAgg = agg("string_agg", LogicalType.VARCHAR, LogicalType.VARCHAR);
        int comma = lit(LogicalType.VARCHAR, ",");
        List<Case> c = new ArrayList<>();
        // ranking and distribution
        c.add(new Case("row_number() OVER (PARTITION BY g ORDER BY o, id)", W.fn(ROW_NUMBER, BIGINT).partition(G).asc(O).asc(ID)));
        c.add(new Case("row_number() OVER (ORDER BY o DESC, id)", W.fn(ROW_NUMBER, BIGINT).desc(O).asc(ID)));
        c.add(new Case("rank() OVER (PARTITION BY g ORDER BY o)", W.fn(RANK, BIGINT).partition(G).asc(O)));
        c.add(new Case("rank() OVER (PARTITION BY g)", W.fn(RANK, BIGINT).partition(G)));
        c.add(new Case("dense_rank() OVER (PARTITION BY g ORDER BY o DESC NULLS FIRST)", W.fn(DENSE_RANK, BIGINT).partition(G).order(O, false, true)));
        c.add(new Case("dense_rank() OVER (ORDER BY s, o)", W.fn(DENSE_RANK, BIGINT).asc(S).asc(O)));
        c.add(new Case("percent_rank() OVER (PARTITION BY g ORDER BY o)", W.fn(PERCENT_RANK, LogicalType.DOUBLE).partition(G).asc(O)));
        c.add(new Case("cume_dist() OVER (PARTITION BY g ORDER BY o NULLS FIRST)", W.fn(CUME_DIST, LogicalType.DOUBLE).partition(G).order(O, true, true)));
        c.add(new Case("ntile(3) OVER (PARTITION BY g ORDER BY o, id)", W.fn(NTILE, BIGINT, three).partition(G).asc(O).asc(ID)));
        c.add(new Case("ntile(7) OVER (ORDER BY id)", W.fn(NTILE, BIGINT, lit(BIGINT, 7L)).asc(ID)));
        c.add(new Case("ntile(1000) OVER (PARTITION BY g ORDER BY id)", W.fn(NTILE, BIGINT, lit(BIGINT, 1000L)).partition(G).asc(ID)));
        // lag / lead
        c.add(new Case("lag(x) OVER (PARTITION BY g ORDER BY o, id)", W.fn(LAG, INT, X).partition(G).asc(O).asc(ID)));
        c.add(new Case("lag(x, 2, -1) OVER (PARTITION BY g ORDER BY o, id)", W.fn(LAG, INT, X, two, minus1).partition(G).asc(O).asc(ID)));
        c.add(new Case("lead(x, 3) OVER (PARTITION BY g ORDER BY o, id)", W.fn(LEAD, INT, X, three).partition(G).asc(O).asc(ID)));
        c.add(new Case("lead(s, 1, 'none') OVER (ORDER BY id)", W.fn(LEAD, LogicalType.VARCHAR, S, one, lit(LogicalType.VARCHAR, "none")).asc(ID)));
        c.add(new Case("lag(x, 2 IGNORE NULLS) OVER (PARTITION BY g ORDER BY id)", W.fn(LAG, INT, X, two).partition(G).asc(ID).ignoreNulls()));
        c.add(new Case("lead(x, 1, 0 IGNORE NULLS) OVER (PARTITION BY g ORDER BY id)", W.fn(LEAD, INT, X, one, lit(INT, 0)).partition(G).asc(ID).ignoreNulls()));
        c.add(new Case("lag(x, -2) OVER (ORDER BY id)", W.fn(LAG, INT, X, lit(BIGINT, -2L)).asc(ID)));
        // first / last / nth value
        c.add(new Case("first_value(x) OVER (PARTITION BY g ORDER BY o, id)", W.fn(FIRST_VALUE, INT, X).partition(G).asc(O).asc(ID)));
        c.add(new Case("last_value(x) OVER (PARTITION BY g ORDER BY o, id ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING)",
                W.fn(LAST_VALUE, INT, X).partition(G).asc(O).asc(ID).frame(ROWS, preceding(one), following(two))));
        c.add(new Case("first_value(x IGNORE NULLS) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING)",
                W.fn(FIRST_VALUE, INT, X).partition(G).asc(ID).frame(ROWS, preceding(two), following(two)).ignoreNulls()));
        c.add(new Case("last_value(x IGNORE NULLS) OVER (PARTITION BY g ORDER BY id)", W.fn(LAST_VALUE, INT, X).partition(G).asc(ID).ignoreNulls()));
        c.add(new Case("nth_value(x, 3) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)",
                W.fn(NTH_VALUE, INT, X, three).partition(G).asc(ID).frame(ROWS, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING)));
        c.add(new Case("nth_value(x, 2 IGNORE NULLS) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 3 PRECEDING AND 3 FOLLOWING EXCLUDE CURRENT ROW)",
                W.fn(NTH_VALUE, INT, X, two).partition(G).asc(ID).frame(ROWS, preceding(three), following(three)).exclude(WindowFrame.Exclude.CURRENT_ROW).ignoreNulls()));
        c.add(new Case("first_value(o) OVER (PARTITION BY g ORDER BY o RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP)",
                W.fn(FIRST_VALUE, INT, O).partition(G).asc(O).frame(RANGE, CURRENT_ROW, UNBOUNDED_FOLLOWING).exclude(GROUP)));
        c.add(new Case("last_value(s) OVER (ORDER BY id ROWS BETWEEN 5 PRECEDING AND 1 PRECEDING)",
                W.fn(LAST_VALUE, LogicalType.VARCHAR, S).asc(ID).frame(ROWS, preceding(five), preceding(one))));
        // aggregates: whole partition, running, suffix, sliding
        c.add(new Case("sum(x) OVER (PARTITION BY g)", W.agg(sumX, X).partition(G)));
        c.add(new Case("count(*) OVER ()", W.agg(cnt)));
        c.add(new Case("sum(x) OVER (PARTITION BY g ORDER BY o)", W.agg(sumX, X).partition(G).asc(O)));
        c.add(new Case("count(x) OVER (PARTITION BY g ORDER BY o DESC)", W.agg(cntX, X).partition(G).desc(O)));
        c.add(new Case("min(s) OVER (PARTITION BY g ORDER BY o, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
                W.agg(minS, S).partition(G).asc(O).asc(ID).frame(ROWS, UNBOUNDED_PRECEDING, CURRENT_ROW)));
        c.add(new Case("max(d) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)",
                W.agg(maxD, D).partition(G).asc(ID).frame(ROWS, following(one), UNBOUNDED_FOLLOWING)));
        c.add(new Case("sum(x) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING)",
                W.agg(sumX, X).partition(G).asc(ID).frame(ROWS, UNBOUNDED_PRECEDING, preceding(two))));
        c.add(new Case("avg(x) OVER (PARTITION BY g ORDER BY o, id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING)",
                W.agg(avgX, X).partition(G).asc(O).asc(ID).frame(ROWS, preceding(two), following(one))));
        c.add(new Case("sum(x) OVER (ORDER BY id ROWS BETWEEN 3 FOLLOWING AND 5 FOLLOWING)",
                W.agg(sumX, X).asc(ID).frame(ROWS, following(three), following(five))));
        c.add(new Case("string_agg(s, ',') OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
                W.agg(strAgg, S, comma).partition(G).asc(ID).frame(ROWS, UNBOUNDED_PRECEDING, CURRENT_ROW)));
        c.add(new Case("string_agg(s, ',') OVER (PARTITION BY g ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)",
                W.agg(strAgg, S, comma).partition(G).asc(ID).frame(ROWS, CURRENT_ROW, UNBOUNDED_FOLLOWING)));
        // RANGE with offsets (NULL keys, DESC, dates, timestamps, doubles)
        c.add(new Case("sum(x) OVER (PARTITION BY g ORDER BY o RANGE BETWEEN 3 PRECEDING AND 2 FOLLOWING)",
                W.agg(sumX, X).partition(G).asc(O).frame(RANGE, preceding(three), following(two))));
        c.add(new Case("count(*) OVER (PARTITION BY g ORDER BY o DESC RANGE BETWEEN 5 PRECEDING AND 1 PRECEDING)",
                W.agg(cnt).partition(G).desc(O).frame(RANGE, preceding(five), preceding(one))));
        c.add(new Case("count(*) OVER (ORDER BY o NULLS FIRST RANGE BETWEEN 2 FOLLOWING AND 5 FOLLOWING)",
                W.agg(cnt).order(O, true, true).frame(RANGE, following(two), following(five))));
        c.add(new Case("sum(x) OVER (PARTITION BY g ORDER BY dt RANGE BETWEEN INTERVAL 10 DAYS PRECEDING AND CURRENT ROW)",
                W.agg(sumX, X).partition(G).asc(DT).frame(RANGE, preceding(tenDays), CURRENT_ROW)));
        c.add(new Case("count(x) OVER (ORDER BY dt DESC RANGE BETWEEN INTERVAL 1 MONTH PRECEDING AND INTERVAL 10 DAYS FOLLOWING)",
                W.agg(cntX, X).desc(DT).frame(RANGE, preceding(oneMonth), following(tenDays))));
        c.add(new Case("count(*) OVER (ORDER BY ts RANGE BETWEEN INTERVAL 6 HOURS PRECEDING AND INTERVAL 6 HOURS FOLLOWING)",
                W.agg(cnt).asc(TS).frame(RANGE, preceding(sixHours), following(sixHours))));
        c.add(new Case("count(*) OVER (PARTITION BY g ORDER BY d RANGE BETWEEN 0.5 PRECEDING AND 0.5 FOLLOWING)",
                W.agg(cnt).partition(G).asc(D).frame(RANGE, preceding(half), following(half))));
        // GROUPS
        c.add(new Case("sum(x) OVER (PARTITION BY g ORDER BY o GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING)",
                W.agg(sumX, X).partition(G).asc(O).frame(GROUPS, preceding(one), following(one))));
        c.add(new Case("count(*) OVER (ORDER BY o GROUPS BETWEEN 2 PRECEDING AND 1 PRECEDING)",
                W.agg(cnt).asc(O).frame(GROUPS, preceding(two), preceding(one))));
        // EXCLUDE
        c.add(new Case("sum(x) OVER (PARTITION BY g ORDER BY o, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW)",
                W.agg(sumX, X).partition(G).asc(O).asc(ID).frame(ROWS, UNBOUNDED_PRECEDING, CURRENT_ROW).exclude(WindowFrame.Exclude.CURRENT_ROW)));
        c.add(new Case("count(*) OVER (PARTITION BY g ORDER BY o RANGE BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE GROUP)",
                W.agg(cnt).partition(G).asc(O).frame(RANGE, preceding(two), following(two)).exclude(GROUP)));
        c.add(new Case("sum(x) OVER (PARTITION BY g ORDER BY o RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES)",
                W.agg(sumX, X).partition(G).asc(O).frame(RANGE, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING).exclude(TIES)));
        c.add(new Case("count(x) OVER (ORDER BY o GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE TIES)",
                W.agg(cntX, X).asc(O).frame(GROUPS, preceding(one), following(one)).exclude(TIES)));
        // FILTER and DISTINCT
        c.add(new Case("sum(x) FILTER (WHERE flag) OVER (PARTITION BY g ORDER BY o)", W.agg(sumX, X).partition(G).asc(O).filter(FLAG)));
        c.add(new Case("count(*) FILTER (WHERE flag) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)",
                W.agg(cnt).partition(G).asc(ID).frame(ROWS, preceding(three), CURRENT_ROW).filter(FLAG)));
        c.add(new Case("count(DISTINCT s) OVER (PARTITION BY g)", W.agg(agg("count", LogicalType.VARCHAR), S).partition(G).distinct()));
        c.add(new Case("sum(DISTINCT x) OVER (PARTITION BY g ORDER BY id)", W.agg(sumX, X).partition(G).asc(ID).distinct()));
        c.add(new Case("count(DISTINCT x) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)",
                W.agg(cntX, X).partition(G).asc(ID).frame(ROWS, CURRENT_ROW, UNBOUNDED_FOLLOWING).distinct()));
        c.add(new Case("count(DISTINCT s) OVER (ORDER BY id ROWS BETWEEN 10 PRECEDING AND 10 FOLLOWING)",
                W.agg(agg("count", LogicalType.VARCHAR), S).asc(ID).frame(ROWS, preceding(lit(BIGINT, 10L)), following(lit(BIGINT, 10L))).distinct()));
        return c;
    }

    @TestFactory
    List<DynamicTest> matchesDuckDB() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (int threads : new int[]{1, 4}) {
                tests.add(DynamicTest.dynamicTest(c.sql() + " [threads=" + threads + "]", () -> check(c, threads)));
            }
        }
        return tests;
    }

    private static void check(Case c, int threads) throws Exception {
        List<Object> expected = new ArrayList<>();
        try (Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, " + c.sql() + " FROM t ORDER BY id")) {
            while (rs.next()) expected.add(rs.getObject(2));
        }
        WindowEvaluator ev = new WindowEvaluator(threads > 1 ? TaskScheduler.shared() : null, threads);
        Vector[] in = columns.toArray(new Vector[0]);
        Vector out = ev.evaluate(in, N, List.of(c.window().build()))[0];
        List<Object> actual = WindowTestSupport.values(out, N);
        StringBuilder diff = new StringBuilder();
        int bad = 0;
        for (int i = 0; i < N; i++) {
            if (!WindowTestSupport.same(expected.get(i), actual.get(i))) {
                if (bad++ < 8) diff.append("\n  id=").append(i).append(" expected ").append(expected.get(i)).append(" got ").append(actual.get(i));
            }
        }
        if (bad > 0) fail(c.sql() + ": " + bad + " rows differ" + diff);
    }
}
