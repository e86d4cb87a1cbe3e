package io.tealdb.cli;

import io.tealdb.Connection;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The terminal front end: JLine line editing and history (~/.teal_history), prompt {@code D } and
 * continuation {@code ‣ }. While a statement runs, Ctrl-C interrupts it and a progress bar appears
 * after about two seconds; at the prompt, Ctrl-C clears the line and a second Ctrl-C exits.
 */
final class InteractiveShell implements Shell.QueryObserver {
    private static final long PROGRESS_DELAY_MS = 2000;
    private final Shell shell;
    private final Connection connection;
    private volatile boolean running;
    private Thread progressThread;
    private Terminal terminal;

    InteractiveShell(Shell shell, Connection connection) {
        this.shell = shell;
        this.connection = connection;
    }

    int run() {
        try (Terminal t = TerminalBuilder.builder().system(true).build()) {
            terminal = t;
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(t)
                    .appName("teal")
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".teal_history"))
                    .build();
            t.handle(Terminal.Signal.INT, signal -> {
                if (running) {
                    connection.interrupt();
                }
            });
            shell.setObserver(this);
            shell.setMaxWidth(Math.max(40, t.getWidth() > 0 ? t.getWidth() : 120));
            boolean interruptedAtPrompt = false;
            while (true) {
                String line;
                try {
                    line = reader.readLine(shell.inStatement() ? "‣ " : "D ");
                } catch (UserInterruptException e) {
                    if (shell.inStatement() || !e.getPartialLine().isEmpty()) {
                        shell.clearBuffer();
                        interruptedAtPrompt = false;
                        continue;
                    }
                    if (interruptedAtPrompt) {
                        break;
                    }
                    interruptedAtPrompt = true;
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                interruptedAtPrompt = false;
                if (t.getWidth() > 0) {
                    shell.setMaxWidth(t.getWidth());
                }
                if (!shell.processLine(line)) {
                    break;
                }
            }
            return 0;
        } catch (IOException e) {
            System.err.println("Error: cannot open the terminal: " + e.getMessage());
            return 1;
        }
    }

    @Override
    public void started(Connection c) {
        running = true;
        Thread thread = new Thread(this::showProgress, "teal-progress");
        thread.setDaemon(true);
        progressThread = thread;
        thread.start();
    }

    @Override
    public void finished() {
        running = false;
        Thread thread = progressThread;
        progressThread = null;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Draws " 42% ▕████▏" on one line (redrawn in place) until the statement finishes, then erases it. */
    private void showProgress() {
        PrintWriter w = terminal.writer();
        boolean drawn = false;
        try {
            Thread.sleep(PROGRESS_DELAY_MS);
            while (running) {
                double p = connection.progress();
                if (p >= 0) {
                    w.print("\r" + bar(p, 40));
                    w.flush();
                    drawn = true;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            // statement finished
        } finally {
            if (drawn) {
                w.print("\r" + " ".repeat(50) + "\r");
                w.flush();
            }
        }
    }

    static String bar(double progress, int width) {
        double p = Math.max(0, Math.min(1, progress));
        int filled = (int) Math.round(p * width);
        return String.format("%3d%% ▕%s%s▏", (int) Math.floor(p * 100), "█".repeat(filled), " ".repeat(width - filled));
    }
}
