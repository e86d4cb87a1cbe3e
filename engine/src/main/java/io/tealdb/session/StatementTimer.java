package io.tealdb.session;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One daemon timer thread for every connection's statement_timeout (a timer per statement would be a thread per statement). */
final class StatementTimer {
    private StatementTimer() {
    }

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tealdb-statement-timeout");
        t.setDaemon(true);
        return t;
    });

    static ScheduledFuture<?> schedule(Runnable task, long millis) {
        return TIMER.schedule(task, millis, TimeUnit.MILLISECONDS);
    }
}
