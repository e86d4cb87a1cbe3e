package io.tealdb.bench;

import io.tealdb.Appender;
import io.tealdb.Connection;
import io.tealdb.Teal;

import java.util.Map;

/**
 * The child process of {@link CrashHarness}: opens the database, prints {@code READY n} (n = the
 * last operation the database holds), then runs operations n+1, n+2, ... each as one transaction
 * that also records its number, printing {@code ACK i} once the commit returned. The parent kills it
 * at a random moment.
 */
public final class CrashWorker {
    private CrashWorker() {
    }

    public static void main(String[] args) {
        String path = args[0];
        long limit = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
        try (Connection c = Teal.connect(path, Map.of("checkpoint_threshold", "200KB"))) {
            c.execute("CREATE TABLE IF NOT EXISTS progress (n BIGINT)");
            c.execute("CREATE TABLE IF NOT EXISTS t (k BIGINT PRIMARY KEY, v BIGINT)");
            c.execute("CREATE TABLE IF NOT EXISTS big (v BIGINT, s VARCHAR)");
            long n = progress(c);
            if (n < 0) {
                c.execute("INSERT INTO progress VALUES (0)");
                n = 0;
            }
            System.out.println("READY " + n);
            System.out.flush();
            for (long i = n + 1; i <= limit; i++) {
                run(c, i);
                System.out.println("ACK " + i);
                System.out.flush();
                if (i % 25 == 0) {
                    c.execute("CHECKPOINT");
                }
            }
        }
    }

    static long progress(Connection c) {
        var rows = c.sql("SELECT max(n) FROM progress").fetchAll();
        Object v = rows.isEmpty() ? null : rows.get(0)[0];
        return v == null ? -1 : ((Number) v).longValue();
    }

    /** One operation; {@link CrashModel#apply} is its effect. */
    static void run(Connection c, long i) {
        c.execute("BEGIN");
        switch (CrashModel.kind(i)) {
            case INSERT -> c.execute("INSERT INTO t SELECT ? * 1000 + r, ? FROM range(0, ?) t(r)", i, i, CrashModel.insertCount(i));
            case UPDATE -> {
                if (CrashModel.bulk(i)) {
                    c.execute("INSERT INTO big SELECT ?, 'row ' || r FROM range(0, ?) t(r)", i, CrashModel.BULK_ROWS);
                }
                c.execute("UPDATE t SET v = v + 1 WHERE k % 97 = ?", i % 97);
            }
            case DELETE -> c.execute("DELETE FROM t WHERE k % 89 = ? AND v < ?", i % 89, i - 50);
            case APPEND -> {
                try (Appender a = c.appender("t")) {
                    for (int r = 0; r < CrashModel.APPEND_ROWS; r++) {
                        a.append(i * 1000 + r);
                        a.append(-i);
                        a.endRow();
                    }
                }
            }
            case CREATE -> c.execute("CREATE TABLE x" + i + " AS SELECT r FROM range(0, ?) t(r)", i % 300);
            case DROP -> {
                if (CrashModel.dropTarget(i) > 0) c.execute("DROP TABLE IF EXISTS x" + CrashModel.dropTarget(i));
            }
        }
        c.execute("UPDATE progress SET n = ?", i);
        c.execute("COMMIT");
    }
}
