package io.tealdb.server.ilp;

/**
 * Line-protocol options of {@code teal serve}: the HTTP and TCP ports (-1 = off, 0 = any free port)
 * and whether unknown tables and columns are created on first sight (QuestDB's
 * {@code line.auto.create.new.tables} / {@code .columns}).
 */
public record IlpConfig(int httpPort, int tcpPort, boolean autoCreateTables, boolean autoCreateColumns) {
    public static IlpConfig disabled() {
        return new IlpConfig(-1, -1, true, true);
    }

    public boolean enabled() {
        return httpPort >= 0 || tcpPort >= 0;
    }
}
