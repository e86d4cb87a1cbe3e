package io.tealdb.session;

import io.tealdb.Connection;
import io.tealdb.Teal;

import java.util.ArrayList;
import java.util.List;

/**
 * Child JVM of {@link ColdStartTest}: opens the database first thing and runs the test's queries
 * at once from one thread each, then prints their results in order, separated by a marker line.
 */
public final class ColdStartChild {
    static final String SEPARATOR = "----8<----";

    private ColdStartChild() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = Teal.connect(args[0])) {
            List<String> results = new ArrayList<>(ColdStartTest.QUERIES.size());
            List<Thread> threads = new ArrayList<>();
            List<Throwable> errors = new ArrayList<>();
            for (int i = 0; i < ColdStartTest.QUERIES.size(); i++) {
                results.add(null);
                int q = i;
                Connection own = c.duplicate();
                threads.add(Thread.ofPlatform().start(() -> {
                    try (own) {
                        results.set(q, own.sql(ColdStartTest.QUERIES.get(q)).toBoxString());
                    } catch (Throwable e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                    }
                }));
            }
            for (Thread t : threads) t.join();
            if (!errors.isEmpty()) {
                errors.get(0).printStackTrace(System.out);
                System.exit(1);
            }
            StringBuilder out = new StringBuilder();
            for (String r : results) out.append(r).append(SEPARATOR).append('\n');
            System.out.print(out);
        }
    }
}
