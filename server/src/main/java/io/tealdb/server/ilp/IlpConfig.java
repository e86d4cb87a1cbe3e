package io.tealdb.server.ilp;

/**
 * Line-protocol options of {@code teal serve}: the HTTP and TCP ports (-1 = off, 0 = any free port),
 * whether unknown tables and columns are created on first sight (QuestDB's
 * {@code line.auto.create.new.tables} / {@code .columns}), and the key file of TCP authentication
 * (QuestDB's {@code line.tcp.auth.db.path}; null = TCP without authentication), and the file of
 * bearer tokens accepted over HTTP ({@code Authorization: Bearer}, the clients' {@code token=}; null = none).
 */
public record IlpConfig(int httpPort, int tcpPort, boolean autoCreateTables, boolean autoCreateColumns, java.nio.file.Path tcpAuthFile,
                        java.nio.file.Path httpTokenFile) {
    public IlpConfig(int httpPort, int tcpPort, boolean autoCreateTables, boolean autoCreateColumns) {
        this(httpPort, tcpPort, autoCreateTables, autoCreateColumns, null, null);
    }

    public IlpConfig(int httpPort, int tcpPort, boolean autoCreateTables, boolean autoCreateColumns, java.nio.file.Path tcpAuthFile) {
        this(httpPort, tcpPort, autoCreateTables, autoCreateColumns, tcpAuthFile, null);
    }

    public static IlpConfig disabled() {
        return new IlpConfig(-1, -1, true, true, null, null);
    }

    public boolean enabled() {
        return httpPort >= 0 || tcpPort >= 0;
    }
}
