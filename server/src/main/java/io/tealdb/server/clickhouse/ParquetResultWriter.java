package io.tealdb.server.clickhouse;

import io.tealdb.io.parquet.ParquetWriteOptions;
import io.tealdb.io.parquet.ParquetWriter;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Parquet output through the engine's Parquet writer. Parquet ends with its footer, so the file is
 * written to a temporary file first and then sent.
 */
final class ParquetResultWriter extends ResultWriter {
    private Path file;
    private ParquetWriter writer;

    ParquetResultWriter(ByteSink out) {
        super(out);
    }

    @Override
    String format() {
        return "Parquet";
    }

    @Override
    String contentType() {
        return "application/octet-stream";
    }

    @Override
    void begin(List<String> names, List<LogicalType> types, List<ChType> declared) {
        super.begin(names, types, declared);
        try {
            file = Files.createTempFile("teal-ch-", ".parquet");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer = new ParquetWriter(file, names, types, ParquetWriteOptions.defaults());
    }

    @Override
    void chunk(DataChunk chunk) {
        writer.write(chunk);
    }

    @Override
    void end(long rows, long elapsedNanos, long bytesRead) {
        try {
            writer.close();
            Files.copy(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }
}
