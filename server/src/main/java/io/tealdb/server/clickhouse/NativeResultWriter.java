package io.tealdb.server.clickhouse;

import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

/**
 * ClickHouse Native output: one block per chunk, each column with its name and its type for this
 * block (so Nullable is declared exactly where the block holds NULLs). With a client protocol
 * version above 0 every block starts with the 8-byte BlockInfo clickhouse-connect then expects.
 */
final class NativeResultWriter extends ResultWriter {
    private final boolean blockInfo;
    private boolean wroteBlock;

    NativeResultWriter(ByteSink out, boolean blockInfo) {
        super(out);
        this.blockInfo = blockInfo;
    }

    @Override
    String format() {
        return "Native";
    }

    @Override
    String contentType() {
        return "application/octet-stream";
    }

    @Override
    boolean needsDeclaredTypes() {
        return false;
    }

    private void header(int cols, int rows) {
        if (blockInfo) {
            out.u8(1);
            out.u8(0);
            out.u8(2);
            out.u32(-1);
            out.u8(0);
        }
        out.varint(cols);
        out.varint(rows);
    }

    @Override
    void chunk(DataChunk chunk) {
        int n = chunk.size();
        if (n == 0) return;
        wroteBlock = true;
        header(names.size(), n);
        for (int c = 0; c < names.size(); c++) {
            Vector v = chunk.column(c);
            ChType t = BinaryWriter.typeOf(v, n);
            if (tableDeclared != null && tableDeclared.get(c) != null) t = ChExecutor.merge(tableDeclared.get(c), t);
            out.str(names.get(c));
            out.str(t.name());
            BinaryWriter.column(out, t, v, null, n);
        }
    }

    @Override
    void end(long rows, long elapsedNanos, long bytesRead) {
        if (!wroteBlock) {
            // an empty result still names its columns: one block of zero rows (no column data)
            header(names.size(), 0);
            for (int c = 0; c < names.size(); c++) {
                out.str(names.get(c));
                out.str(declared != null ? declared.get(c).name() : ChType.of(types.get(c)).name());
            }
        }
    }
}
