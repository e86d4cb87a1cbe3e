package io.tealdb.cli;

import io.tealdb.Connection;
import io.tealdb.Teal;
import io.tealdb.error.TealException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code teal [OPTIONS] [FILE]}: the TealDB shell, and {@code teal sqllogictest ...}.
 * <ul>
 * <li>no FILE (or {@code :memory:}): an in-memory database; FILE: that database file, created when missing</li>
 * <li>{@code -readonly}: open FILE read-only</li>
 * <li>{@code -c SQL}: run SQL and exit; exit code 1 when it fails</li>
 * <li>SQL is read from standard input when it is not a terminal (exit code 1 if anything failed)</li>
 * <li>{@code --debug}: print stack traces of errors</li>
 * <li>{@code -box/-csv/-json/-markdown/-line}: the output mode</li>
 * </ul>
 */
public final class Main {
    static final String SQLLOGICTEST_MAIN = "io.tealdb.sqllogictest.SqlLogicTestMain";

    private Main() {
    }

    public static void main(String[] args) {
        io.tealdb.ClassDataArchives.pruneInBackground(); // the launcher's archives of earlier builds
        int code = run(args, System.in, System.out, System.err,
                (file, config) -> file == null ? Teal.connect(config) : Teal.connect(file, config), Main::stdinIsTerminal);
        System.out.flush();
        System.exit(code);
    }

    /** Everything main does, with the streams and the database injectable (tests). Returns the exit code. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, java.util.function.BiFunction<String, java.util.Map<String, String>, Connection> connect,
                   Supplier<Boolean> interactive) {
        if (args.length > 0 && args[0].equals("serve")) {
            return Serve.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), out, err);
        }
        if (args.length > 0 && args[0].equals("sqllogictest")) {
            return sqllogictest(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        boolean debug = false;
        boolean readOnly = false;
        String command = null;
        OutputMode mode = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--debug" -> debug = true;
                case "-c" -> {
                    if (i + 1 >= args.length) {
                        err.println("Error: -c needs a SQL command");
                        return 1;
                    }
                    command = args[++i];
                }
                case "-readonly", "--readonly" -> readOnly = true;
                case "-h", "--help", "-help" -> {
                    out.println(usage());
                    return 0;
                }
                default -> {
                    if (a.startsWith("-") && OutputMode.parse(a.substring(1)) != null) {
                        mode = OutputMode.parse(a.substring(1));
                    } else if (a.startsWith("-")) {
                        err.println("Error: unknown option '" + a + "'\n" + usage());
                        return 1;
                    } else {
                        files.add(a);
                    }
                }
            }
        }
        if (files.size() > 1) {
            err.println("Error: one database file at a time (got " + files.size() + ")\n" + usage());
            return 1;
        }
        String file = files.isEmpty() || files.get(0).equals(":memory:") ? null : files.get(0);
        Connection connection;
        try {
            connection = connect.apply(file, readOnly ? java.util.Map.of("access_mode", "read_only") : java.util.Map.of());
        } catch (TealException e) {
            err.println("Error: " + Shell.describe(e));
            return 1;
        }
        try (connection) {
            Shell shell = new Shell(connection, out, err, debug);
            if (mode != null) {
                shell.setMode(mode);
            }
            if (command != null) {
                return shell.runSql(command) ? 0 : 1;
            }
            if (interactive.get()) {
                return new InteractiveShell(shell, connection).run();
            }
            return runScript(shell, in, err);
        }
    }

    private static int runScript(Shell shell, InputStream in, PrintStream err) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!shell.processLine(line)) {
                    return shell.hadError() ? 1 : 0;
                }
            }
            shell.finish();
        } catch (IOException e) {
            err.println("Error: reading standard input: " + e.getMessage());
            return 1;
        }
        return shell.hadError() ? 1 : 0;
    }

    static String usage() {
        return """
                Usage: teal [OPTIONS] [FILE]
                       teal sqllogictest [ARGS...]
                       teal serve [DBFILE] [--pg-port 5432] [--bind 127.0.0.1] ...   (teal serve --help)
                Opens the database FILE (created when missing), or an in-memory database without FILE.
                  -readonly     open FILE read-only
                  -c SQL        run SQL and exit
                  -box -csv -json -markdown -line   output mode
                  --debug       print stack traces of errors
                  -h, --help    this help
                Reads SQL from standard input when it is not a terminal.""";
    }

    /** Java 22+ has Console.isTerminal(); on 21 a non-null console means a terminal. */
    static boolean stdinIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method m = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Runs the sqllogictest runner of the harness engineer, found by reflection so this module compiles without it. */
    static int sqllogictest(String[] args, PrintStream out, PrintStream err) {
        Method run;
        try {
            run = Class.forName(SQLLOGICTEST_MAIN).getMethod("run", String[].class, PrintStream.class);
        } catch (ReflectiveOperationException e) {
            err.println("Error: the sqllogictest runner (" + SQLLOGICTEST_MAIN + ") is not part of this build");
            return 1;
        }
        try {
            Object result = run.invoke(null, (Object) args, out);
            return result instanceof Number n ? n.intValue() : (result instanceof Boolean b ? (b ? 0 : 1) : 0);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            err.println("Error: " + (cause instanceof TealException te ? Shell.describe(te) : String.valueOf(cause)));
            return 1;
        } catch (IllegalAccessException e) {
            err.println("Error: cannot call " + SQLLOGICTEST_MAIN + ".run: " + e.getMessage());
            return 1;
        }
    }
}
