package io.tealdb.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Writes a table's rows as {@code |}-separated lines into {@code DIR/<table>.tbl} (no header, no
 * trailing delimiter, DECIMAL(15,2) with two decimals, dates as ISO text), for COPY ... FROM.
 */
final class DelimitedFileSink implements TableSink {

    private final Writer out;
    private final String[] fields;

    private DelimitedFileSink(Path file, int columns) throws IOException {
        this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        this.fields = new String[columns];
    }

    /** The file {@link #factory(Path)} writes for {@code table}. */
    static Path file(Path dir, String table) {
        return dir.resolve(table + ".tbl");
    }

    static TableSink.Factory factory(Path dir) {
        return (table, columns) -> {
            try {
                return new DelimitedFileSink(file(dir, table), columns);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    public void setInt(int col, int v) {
        fields[col - 1] = Integer.toString(v);
    }

    @Override
    public void setLong(int col, long v) {
        fields[col - 1] = Long.toString(v);
    }

    @Override
    public void setCents(int col, long cents) {
        fields[col - 1] = java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    }

    @Override
    public void setString(int col, String v) {
        fields[col - 1] = v;
    }

    @Override
    public void setDate(int col, int epochDay) {
        fields[col - 1] = LocalDate.ofEpochDay(epochDay).toString();
    }

    @Override
    public void endRow() throws SQLException {
        try {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) out.write('|');
                out.write(fields[i]);
            }
            out.write('\n');
        } catch (IOException e) {
            throw new SQLException("writing a table file failed", e);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            out.close();
        } catch (IOException e) {
            throw new SQLException("writing a table file failed", e);
        }
    }
}
