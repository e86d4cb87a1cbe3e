package io.tealdb.function;

/**
 * Builds the built-in function registry on a thread of its own, so that a process's first
 * connection does not wait for it: registering the built-ins links some six hundred lambdas (each
 * a class the JVM spins at first use), the largest part of a cold start, while opening the database
 * file, reading its catalog and parsing the first statement need none of it. The first lookup then
 * waits only for what is left ({@link FunctionRegistry#getDefault()} is a class initialization: the
 * JVM makes any other thread wait until it is complete, and a failure there surfaces at that lookup
 * as it would without this).
 *
 * <p>Lives apart from {@link FunctionRegistry} on purpose: touching that class at all would start
 * its initialization in the calling thread.
 */
public final class FunctionRegistryWarmup implements Runnable {
    private static volatile boolean started;

    private FunctionRegistryWarmup() {
    }

    /** Starts building the registry unless that has begun; returns at once. */
    public static void start() {
        if (started) {
            return;
        }
        synchronized (FunctionRegistryWarmup.class) {
            if (started) {
                return;
            }
            started = true;
        }
        Thread t = new Thread(new FunctionRegistryWarmup(), "tealdb-function-registry");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        try {
            FunctionRegistry.getDefault();
        } catch (Throwable e) {
            // the connection's first lookup initializes the class itself and reports the error there
        }
    }
}
