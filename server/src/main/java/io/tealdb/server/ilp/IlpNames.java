package io.tealdb.server.ilp;

/** QuestDB's rules for the table and column names a line may create (its clients check the same). */
final class IlpNames {
    static final int MAX_LENGTH = 127;

    private IlpNames() {
    }

    static void checkTable(String name) {
        if (!valid(name, false)) throw IlpException.invalid("invalid table name: " + name);
    }

    static void checkColumn(String table, String name) {
        if (!valid(name, true)) throw IlpException.invalid("table: " + table + "; invalid column name: " + name);
    }

    private static boolean valid(String n, boolean column) {
        if (n.isEmpty() || n.length() > MAX_LENGTH) return false;
        if (n.charAt(0) == ' ' || n.charAt(n.length() - 1) == ' ') return false;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            switch (c) {
                case '?', ',', '\'', '"', '\\', '/', ':', ')', '(', '+', '*', '%', '~', '\u007f', '\ufeff' -> {
                    return false;
                }
                case '.' -> {
                    if (column || i == 0 || i == n.length() - 1 || n.charAt(i + 1) == '.') return false;
                }
                case '-' -> {
                    if (column) return false;
                }
                default -> {
                    if (c < 0x20) return false;
                }
            }
        }
        return true;
    }

    /** A name as a SQL identifier: always double-quoted. */
    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
