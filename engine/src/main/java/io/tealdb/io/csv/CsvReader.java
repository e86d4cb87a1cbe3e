package io.tealdb.io.csv;

import io.tealdb.error.NotImplementedException;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads a delimited text file into chunks of the given column types (COPY ... FROM). Parses bytes
 * directly (no String per value). Errors are ConversionExceptions naming file, line and column.
 */
public final class CsvReader implements AutoCloseable {
    private final Path file;
    private final List<String> columnNames;
    private final List<LogicalType> types;
    private final CsvOptions options;

    public CsvReader(Path file, List<String> columnNames, List<LogicalType> types, CsvOptions options) {
        this.file = file;
        this.columnNames = List.copyOf(columnNames);
        this.types = List.copyOf(types);
        this.options = options;
    }

    /** Fills {@code out} (vectors of {@link #types()}, reset first) with up to 2048 rows; false at end of file. */
    public boolean next(DataChunk out) {
        throw new NotImplementedException("CSV reading");
    }

    public List<LogicalType> types() {
        return types;
    }

    @Override
    public void close() {
    }
}
