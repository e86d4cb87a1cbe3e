package io.tealdb.session;

import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.nio.file.Path;
import java.util.List;

/**
 * One COPY … TO format (Parquet, CSV, JSON) as {@link CopyLayout} uses it: the extension of the files
 * it names itself ({@code data_0.csv}) and a writer of one file.
 */
interface CopyFileFormat {
    /** "parquet", "csv", "json": the extension of files in a partitioned or per-thread directory. */
    String extension();

    /** Opens {@code path} for the given columns; the writer takes chunks whose columns are those, in order. */
    FileWriter open(Path path, List<String> names, List<LogicalType> types);

    /** The rows of one file. Not thread-safe: one thread writes one file. */
    interface FileWriter extends AutoCloseable {
        void write(DataChunk chunk);

        /** Finishes the file (footer, compression trailer) and closes it. */
        @Override
        void close();
    }
}
