package io.tealdb.tpch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Locates shared/tpch (walking up from the working directory) and reads queries. */
public final class TpchFiles {

    private TpchFiles() {}

    public static Path sharedTpch() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path t = d.resolve("shared").resolve("tpch");
            if (Files.isDirectory(t.resolve("queries"))) {
                return t;
            }
        }
        throw new IllegalStateException("no folder shared/tpch above " + Path.of("").toAbsolutePath());
    }

    public static String queryName(int q) {
        return String.format(Locale.ROOT, "q%02d", q);
    }

    /** Query text without the trailing semicolon. */
    public static String query(int q) throws IOException {
        String sql = Files.readString(sharedTpch().resolve("queries").resolve(queryName(q) + ".sql")).strip();
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    }

    /** answers-trino/&lt;sf&gt;/qNN.csv, e.g. {@code answerFile("sf0.01", 1)}. */
    public static Path answerFile(String sf, int q) {
        return sharedTpch().resolve("answers-trino").resolve(sf).resolve(queryName(q) + ".csv");
    }
}
