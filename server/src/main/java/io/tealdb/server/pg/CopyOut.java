package io.tealdb.server.pg;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tealdb.session.QueryResult;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Streams a result as {@code COPY … TO STDOUT}: CopyOutResponse, one CopyData per row (what psql,
 * psycopg and pgjdbc expect), CopyDone. Text format escapes backslash, tab, newline and carriage
 * return and writes NULL as {@code \N}; csv quotes fields that need it; binary uses §4.3 values.
 */
final class CopyOut {
    private static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private CopyOut() {
    }

    static long send(QueryResult result, CopyCommand cmd, PgOutput out, java.time.ZoneId zone) {
        int ncols = result.columnNames().size();
        int fmt = cmd.format() == CopyCommand.Format.BINARY ? 1 : 0;
        ByteBuf b = out.begin('H');
        b.writeByte(fmt);
        b.writeShort(ncols);
        for (int i = 0; i < ncols; i++) b.writeShort(fmt);
        out.end();
        if (fmt == 1) {
            out.begin('d').writeBytes(BINARY_HEADER);
            out.end();
        }
        if (cmd.header() && cmd.format() == CopyCommand.Format.CSV) {
            b = out.begin('d');
            List<String> names = result.columnNames();
            for (int i = 0; i < ncols; i++) {
                if (i > 0) b.writeByte(cmd.delimiter());
                csv(b, names.get(i).getBytes(StandardCharsets.UTF_8), cmd);
            }
            b.writeByte('\n');
            out.end();
        }
        ByteBuf tmp = Unpooled.buffer(256);
        byte[] scratch = new byte[PgValues.SCRATCH];
        long rows = 0;
        try {
            for (DataChunk chunk = result.nextChunk(); chunk != null; chunk = result.nextChunk()) {
                Vector[] cols = chunk.columns();
                for (int r = 0; r < chunk.size(); r++) {
                    b = out.begin('d');
                    if (fmt == 1) {
                        b.writeShort(ncols);
                        for (Vector v : cols) {
                            if (v.isNull(r)) {
                                b.writeInt(-1);
                                continue;
                            }
                            int at = b.writerIndex();
                            b.writeInt(0);
                            PgValues.writeBinary(v, r, b);
                            b.setInt(at, b.writerIndex() - at - 4);
                        }
                    } else {
                        for (int c = 0; c < ncols; c++) {
                            if (c > 0) b.writeByte(cmd.delimiter());
                            Vector v = cols[c];
                            if (v.isNull(r)) {
                                b.writeCharSequence(cmd.nullString(), StandardCharsets.UTF_8);
                                continue;
                            }
                            tmp.clear();
                            PgValues.writeText(v, r, tmp, zone, scratch);
                            if (cmd.format() == CopyCommand.Format.CSV) csv(b, tmp, cmd);
                            else text(b, tmp, cmd.delimiter());
                        }
                        b.writeByte('\n');
                    }
                    out.end();
                    rows++;
                }
            }
        } finally {
            tmp.release();
        }
        if (fmt == 1) {
            out.begin('d').writeShort(-1);
            out.end();
        }
        out.empty('c');
        return rows;
    }

    private static void text(ByteBuf out, ByteBuf value, char delimiter) {
        for (int i = value.readerIndex(); i < value.writerIndex(); i++) {
            byte c = value.getByte(i);
            switch (c) {
                case '\\' -> out.writeByte('\\').writeByte('\\');
                case '\n' -> out.writeByte('\\').writeByte('n');
                case '\r' -> out.writeByte('\\').writeByte('r');
                case '\t' -> out.writeByte('\\').writeByte('t');
                default -> {
                    if (c == delimiter) out.writeByte('\\');
                    out.writeByte(c);
                }
            }
        }
    }

    private static void csv(ByteBuf out, ByteBuf value, CopyCommand cmd) {
        byte[] bytes = new byte[value.readableBytes()];
        value.getBytes(value.readerIndex(), bytes);
        csv(out, bytes, cmd);
    }

    private static void csv(ByteBuf out, byte[] v, CopyCommand cmd) {
        boolean needs = v.length == 0 && cmd.nullString().isEmpty();
        String asText = null;
        for (byte c : v) {
            if (c == cmd.delimiter() || c == cmd.quote() || c == '\n' || c == '\r' || c == cmd.escape()) {
                needs = true;
                break;
            }
        }
        if (!needs && !cmd.nullString().isEmpty()) {
            asText = new String(v, StandardCharsets.UTF_8);
            needs = asText.equals(cmd.nullString());
        }
        if (!needs) {
            out.writeBytes(v);
            return;
        }
        out.writeByte(cmd.quote());
        for (byte c : v) {
            if (c == cmd.quote() || c == cmd.escape()) out.writeByte(cmd.escape());
            out.writeByte(c);
        }
        out.writeByte(cmd.quote());
    }
}
