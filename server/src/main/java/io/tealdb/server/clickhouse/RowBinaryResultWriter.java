package io.tealdb.server.clickhouse;

import io.tealdb.vector.DataChunk;

/** RowBinary, RowBinaryWithNames and RowBinaryWithNamesAndTypes (client-v2's default) output. */
final class RowBinaryResultWriter extends ResultWriter {
    private final String format;
    private final boolean withNames;
    private final boolean withTypes;

    RowBinaryResultWriter(ByteSink out, String format, boolean withNames, boolean withTypes) {
        super(out);
        this.format = format;
        this.withNames = withNames;
        this.withTypes = withTypes;
    }

    @Override
    String format() {
        return format;
    }

    @Override
    String contentType() {
        return "application/octet-stream";
    }

    @Override
    void begin(java.util.List<String> names, java.util.List<io.tealdb.types.LogicalType> types, java.util.List<ChType> declared) {
        super.begin(names, types, declared);
        if (withNames) {
            out.varint(names.size());
            for (String n : names) out.str(n);
            if (withTypes) for (ChType t : declared) out.str(t.name());
        }
    }

    @Override
    void chunk(DataChunk chunk) {
        int cols = names.size();
        ChType[] ts = declared.toArray(new ChType[0]);
        for (int r = 0; r < chunk.size(); r++) {
            for (int c = 0; c < cols; c++) BinaryWriter.value(out, ts[c], chunk.column(c), r);
        }
    }
}
