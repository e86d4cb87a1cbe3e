package io.tealdb.bench.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SQL statements of sqllogictest files, in file order: the body of each {@code statement ...}
 * and {@code query ...} record (up to the blank line or the {@code ----} result separator). Other
 * records (loops, requires, modes) are skipped; a statement that needs them just fails cleanly.
 */
public final class CorpusStatements {
    /** Statements that write files (or attach them): their mutants would litter the working directory. */
    private static final java.util.regex.Pattern WRITES_FILES = java.util.regex.Pattern.compile(
            "(?i)\\b(COPY|EXPORT|IMPORT|ATTACH|DETACH|INSTALL|LOAD|CHECKPOINT)\\b");

    private CorpusStatements() {
    }

    /** One corpus file's statements. */
    public record File(Path path, List<String> statements) {
    }

    /** Every {@code .test} file under {@code root} (sorted by path, so runs are reproducible). */
    public static List<File> load(Path root) {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<File> out = new ArrayList<>();
        for (Path p : paths) {
            List<String> statements = parse(read(p));
            if (!statements.isEmpty()) out.add(new File(p, statements));
        }
        return out;
    }

    private static List<String> read(Path p) {
        try {
            // a few corpus files hold invalid UTF-8 on purpose: decode leniently
            return new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> parse(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String head = lines.get(i).strip();
            if (!head.startsWith("statement ") && !head.startsWith("query ")) continue;
            StringBuilder sql = new StringBuilder();
            int j = i + 1;
            for (; j < lines.size(); j++) {
                String l = lines.get(j);
                if (l.isBlank() || l.strip().equals("----")) break;
                if (!sql.isEmpty()) sql.append('\n');
                sql.append(l);
            }
            i = j;
            String s = sql.toString().strip();
            // loop variables (${i}) and environment references cannot run outside the runner
            if (!s.isEmpty() && !s.contains("${") && !s.contains("__TEST_DIR__") && !WRITES_FILES.matcher(s).find()) out.add(s);
        }
        return out;
    }
}
