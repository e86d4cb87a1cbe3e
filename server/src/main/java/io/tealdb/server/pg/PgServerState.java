package io.tealdb.server.pg;

import io.netty.handler.ssl.SslContext;
import io.tealdb.session.Database;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What all connections of one PostgreSQL endpoint share: the database, users, TLS context, the
 * settings of the endpoint, the registry that routes CancelRequests by (pid, key), and the log.
 */
public final class PgServerState {
    /** How clients authenticate. */
    public enum Auth { NONE, PASSWORD }

    private final Database database;
    private final UserStore users;
    private final Auth auth;
    private final SslContext ssl;
    private final boolean tlsRequired;
    private final String databaseName;
    private final int maxMessageBytes;
    private final int maxConnections;
    private final PrintStream log;
    private final Map<Integer, PgConnection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger nextPid = new AtomicInteger(1000 + (int) (ProcessHandle.current().pid() % 1000) * 10);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "teal-pg-timer");
        t.setDaemon(true);
        return t;
    });

    public PgServerState(Database database, UserStore users, Auth auth, SslContext ssl, boolean tlsRequired, String databaseName,
                         int maxMessageBytes, int maxConnections, PrintStream log) {
        this.database = database;
        this.users = users;
        this.auth = auth;
        this.ssl = ssl;
        this.tlsRequired = tlsRequired;
        this.databaseName = databaseName;
        this.maxMessageBytes = maxMessageBytes;
        this.maxConnections = maxConnections;
        this.log = log;
    }

    Database database() {
        return database;
    }

    UserStore users() {
        return users;
    }

    Auth auth() {
        return auth;
    }

    SslContext ssl() {
        return ssl;
    }

    boolean tlsRequired() {
        return tlsRequired;
    }

    String databaseName() {
        return databaseName;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Registers a connection for CancelRequest routing; false when --max-connections is reached. */
    boolean register(PgConnection c) {
        if (connections.size() >= maxConnections) return false;
        int pid;
        do pid = nextPid.incrementAndGet(); while (connections.putIfAbsent(pid, c) != null);
        c.pid = pid;
        return true;
    }

    void unregister(PgConnection c) {
        connections.remove(c.pid, c);
    }

    PgConnection connection(int pid) {
        return connections.get(pid);
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Waits until no connection is running a statement, or until {@code deadlineNanos} (shutdown grace). */
    public void closeAllIdleOrWait(long deadlineNanos) {
        while (System.nanoTime() < deadlineNanos) {
            boolean busy = false;
            for (PgConnection c : connections.values()) busy |= c.busy;
            if (!busy) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Interrupts the statements of every connection (shutdown). */
    public void cancelAll() {
        for (PgConnection c : connections.values()) c.cancelRunning();
    }

    public void closeAll() {
        for (PgConnection c : connections.values()) c.terminate("terminating connection due to administrator command");
    }

    public void log(String message) {
        synchronized (log) {
            log.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + message);
        }
    }

    public void shutdownTimers() {
        scheduler.shutdownNow();
    }

    private static final Pattern CREATE_USER = Pattern.compile(
            "(?is)\\s*(CREATE|ALTER)\\s+(?:USER|ROLE)\\s+(\"[^\"]+\"|\\w+)(?:\\s+WITH)?((?:\\s+\\w+)*?)(?:\\s+PASSWORD\\s+'((?:[^']|'')*)')?((?:\\s+\\w+)*)\\s*;?\\s*");
    private static final Pattern DROP_USER = Pattern.compile("(?is)\\s*DROP\\s+(?:USER|ROLE)\\s+(IF\\s+EXISTS\\s+)?(\"[^\"]+\"|\\w+)\\s*;?\\s*");

    /** CREATE/ALTER/DROP USER (or ROLE): the server's users and SCRAM verifiers. */
    void userCommand(String sql, List<String> tag) {
        String text = SqlText.stripComments(sql);
        Matcher d = DROP_USER.matcher(text);
        if (d.matches()) {
            String name = name(d.group(2));
            if (!users.remove(name) && d.group(1) == null) throw new PgError.Failure("42704", "role \"" + name + "\" does not exist");
            tag.add("DROP ROLE");
            return;
        }
        Matcher m = CREATE_USER.matcher(text);
        if (!m.matches()) throw new PgError.Failure("42601", "syntax error in " + SqlText.words(text, 2) + ": expected NAME [WITH] PASSWORD '…'");
        boolean create = m.group(1).equalsIgnoreCase("CREATE");
        String name = name(m.group(2));
        String password = m.group(4) == null ? null : m.group(4).replace("''", "'");
        if (create && users.exists(name)) throw new PgError.Failure("42710", "role \"" + name + "\" already exists");
        if (!create && !users.exists(name)) throw new PgError.Failure("42704", "role \"" + name + "\" does not exist");
        if (password == null) {
            if (create) throw new PgError.Failure("42601", "CREATE USER needs PASSWORD '…' (users without a password cannot log in)");
        } else {
            users.put(name, password);
        }
        tag.add(create ? "CREATE ROLE" : "ALTER ROLE");
    }

    private static String name(String raw) {
        return raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw.toLowerCase(java.util.Locale.ROOT);
    }
}
