package io.tealdb.server.clickhouse;

import io.tealdb.arrow.ArrowTableSource;
import io.tealdb.planner.FunctionResolver;
import io.tealdb.session.ClientContext;
import io.tealdb.session.QueryResult;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code INSERT … FORMAT Arrow / ArrowStream / Parquet}: the data becomes a table source the engine
 * reads (the Arrow module's scan, the engine's Parquet reader) and an {@code INSERT … SELECT} moves
 * it, with the engine's casts to the table's column types.
 */
final class ExternalInsert {
    private static final AtomicLong SEQ = new AtomicLong();

    private ExternalInsert() {
    }

    /** Returns the rows inserted. */
    static long run(ClientContext ctx, String format, InputStream data, String target, String columns) {
        String f = ResultWriter.canonical(format);
        try {
            if (f.equals("Parquet")) {
                Path file = Files.createTempFile("teal-ch-", ".parquet");
                try {
                    Files.copy(data, file, StandardCopyOption.REPLACE_EXISTING);
                    return insert(ctx, target, columns, "read_parquet(" + ChDialect.quoteStr(file.toString()) + ")");
                } finally {
                    Files.deleteIfExists(file);
                }
            }
            try (BufferAllocator allocator = new RootAllocator()) {
                ArrowReader reader = f.equals("Arrow")
                        ? new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(data.readAllBytes()), allocator, ArrowCodecs.INSTANCE)
                        : new ArrowStreamReader(data, allocator, ArrowCodecs.INSTANCE);
                try (reader) {
                    ArrowTableSource source = ArrowTableSource.of(reader);
                    String name = "__teal_ch_insert_" + SEQ.incrementAndGet();
                    ctx.registerScan(name, new FunctionResolver.BoundTableFunction(source, source.names(), source.types()));
                    try {
                        return insert(ctx, target, columns, ChDialect.quoteId(name));
                    } finally {
                        ctx.unregisterScan(name);
                    }
                }
            }
        } catch (IOException e) {
            throw ChException.badData("Cannot read " + f + " data: " + e.getMessage());
        }
    }

    private static long insert(ClientContext ctx, String target, String columns, String from) {
        try (QueryResult r = ctx.execute("INSERT INTO " + target + columns + " SELECT * FROM " + from, List.of())) {
            return Math.max(0, r.updateCount());
        }
    }
}
