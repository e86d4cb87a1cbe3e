package io.tealdb.session;

import io.tealdb.error.TealIOException;
import io.tealdb.function.ScalarKernel;
import io.tealdb.function.cast.Casts;
import io.tealdb.io.csv.CsvOptions;
import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * COPY … TO in CSV: a header line (unless HEADER false), then one line per row, every value cast to
 * VARCHAR as DuckDB prints it (DATE and TIMESTAMP through strftime with DATEFORMAT / TIMESTAMPFORMAT
 * when given), quoted when it holds the delimiter, the quote or a line break, NULL as the NULL
 * string; gzip when COMPRESSION gzip or the name ends in .gz.
 */
record CsvCopyFormat(CsvOptions options) implements CopyFileFormat {
    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public FileWriter open(Path path, List<String> names, List<LogicalType> types) {
        String delimiter = new String(options.delimiter(), StandardCharsets.UTF_8);
        char quote = (char) options.quote();
        List<ScalarKernel> casts = new ArrayList<>();
        for (LogicalType t : types) casts.add(t.id() == TypeId.VARCHAR ? null : Casts.kernel(t, LogicalType.VARCHAR, false));
        Writer w;
        try {
            w = openTarget(path);
            if (options.header()) {
                for (int i = 0; i < names.size(); i++) w.write((i > 0 ? delimiter : "") + field(names.get(i), delimiter, quote));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new TealIOException("Could not write file \"" + path + "\": " + e.getMessage(), e);
        }
        return new FileWriter() {
            @Override
            public void write(DataChunk chunk) {
                Vector[] text = new Vector[chunk.columnCount()];
                for (int i = 0; i < text.length; i++) {
                    String format = strftimeFormat(types.get(i));
                    if (format != null) {
                        text[i] = strftime(chunk.column(i), chunk.size(), format);
                    } else if (casts.get(i) == null) {
                        text[i] = chunk.column(i);
                    } else {
                        text[i] = new Vector(LogicalType.VARCHAR, Math.max(chunk.size(), 1));
                        casts.get(i).execute(new Vector[]{chunk.column(i)}, chunk.size(), text[i]);
                    }
                }
                try {
                    for (int r = 0; r < chunk.size(); r++) {
                        for (int i = 0; i < text.length; i++) {
                            if (i > 0) w.write(delimiter);
                            if (!text[i].isNull(r)) w.write(field(text[i].getString(r), delimiter, quote));
                            else w.write(options.nullString());
                        }
                        w.write('\n');
                    }
                } catch (IOException e) {
                    throw new TealIOException("Could not write file \"" + path + "\": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                try {
                    w.close();
                } catch (IOException e) {
                    throw new TealIOException("Could not write file \"" + path + "\": " + e.getMessage(), e);
                }
            }
        };
    }

    /** DATEFORMAT for DATE columns, TIMESTAMPFORMAT for TIMESTAMP ones; null: DuckDB's default text. */
    private String strftimeFormat(LogicalType t) {
        return switch (t.id()) {
            case DATE -> options.dateFormat();
            case TIMESTAMP -> options.timestampFormat();
            default -> null;
        };
    }

    private static Vector strftime(Vector v, int n, String format) {
        Vector out = new Vector(LogicalType.VARCHAR, Math.max(n, 1));
        for (int r = 0; r < n; r++) {
            if (v.isNull(r)) out.setNull(r);
            else out.setString(r, v.type.id() == TypeId.DATE ? io.tealdb.function.scalar.DateFormat.formatDate(v.ints[r], format)
                    : io.tealdb.function.scalar.DateFormat.format(v.longs[r], format));
        }
        return out;
    }

    private Writer openTarget(Path path) throws IOException {
        String compression = options.compression() == null ? "auto" : options.compression().toLowerCase(Locale.ROOT);
        boolean gzip = compression.equals("gzip") || (compression.equals("auto") && path.toString().toLowerCase(Locale.ROOT).endsWith(".gz"));
        java.io.OutputStream out = Files.newOutputStream(path);
        if (gzip) out = new java.util.zip.GZIPOutputStream(out, 1 << 16);
        return new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    private static String field(String v, String delimiter, char quote) {
        if (quote == 0 || (!v.contains(delimiter) && v.indexOf(quote) < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0)) return v;
        String q = String.valueOf(quote);
        return q + v.replace(q, q + q) + q;
    }
}
