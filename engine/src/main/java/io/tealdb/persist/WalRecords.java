package io.tealdb.persist;

import io.tealdb.catalog.Catalog;
import io.tealdb.catalog.SequenceEntry;
import io.tealdb.catalog.TableEntry;
import io.tealdb.storage.ChangeLog;
import io.tealdb.storage.Transaction;
import io.tealdb.storage.file.ByteIn;
import io.tealdb.storage.file.ByteOut;
import io.tealdb.storage.file.CorruptDataException;
import io.tealdb.storage.file.SegmentCodec;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;
import io.tealdb.vector.Vector;

import java.util.List;
import java.util.Map;

/**
 * Byte format of one write-ahead log record (one committed transaction): a list of operations,
 * each naming its table by schema and name. Row ids are the table's stable positions, which replay
 * reproduces (see {@link io.tealdb.storage.DataTable#replayInsert}).
 */
final class WalRecords {
    static final int INSERT = 1;
    static final int DELETE = 2;
    static final int UPDATE = 3;
    static final int SEQUENCE = 4;
    /** A full row group its transaction wrote into the database file before committing: first row id, group metadata. */
    static final int INSERT_GROUP = 5;

    private WalRecords() {
    }

    /** Schema and name of a persistent table. */
    record TableName(String schema, String name) {
    }

    /** Writes a transaction's changes; changes of tables not in {@code names} are skipped. */
    static final class Writer implements ChangeLog {
        final ByteOut out = new ByteOut(1024);
        final Map<Object, TableName> names;
        int ops;
        /** {@link #INSERT_GROUP} operations: their blocks must be forced before the record. */
        int groups;

        Writer(Map<Object, TableName> names) {
            this.names = names;
        }

        private boolean table(int op, Object table) {
            TableName n = names.get(table);
            if (n == null) {
                return false;
            }
            out.writeByte(op);
            out.writeString(n.schema());
            out.writeString(n.name());
            ops++;
            return true;
        }

        @Override
        public void inserted(Object table, long firstRowId, DataChunk rows) {
            if (!table(INSERT, table)) return;
            out.writeVarLong(firstRowId);
            out.writeVarInt(rows.size());
            out.writeVarInt(rows.columnCount());
            for (int c = 0; c < rows.columnCount(); c++) {
                SegmentCodec.encode(rows.column(c), rows.size(), out);
            }
        }

        @Override
        public void insertedGroup(Object table, long firstRowId, Object handle) {
            if (!table(INSERT_GROUP, table)) return;
            byte[] meta = ((PersistentDatabase.GroupHandle) handle).meta();
            out.writeVarLong(firstRowId);
            out.writeBlob(meta, 0, meta.length);
            groups++;
        }

        @Override
        public void deleted(Object table, long[] rowIds, int count) {
            if (!table(DELETE, table)) return;
            writeRowIds(rowIds, count);
        }

        @Override
        public void updated(Object table, int column, long[] rowIds, int count, Vector values) {
            if (!table(UPDATE, table)) return;
            writeRowIds(rowIds, count);
            out.writeVarInt(column);
            SegmentCodec.encode(values, count, out);
        }

        private void writeRowIds(long[] rowIds, int count) {
            out.writeVarInt(count);
            long prev = 0;
            for (int i = 0; i < count; i++) {
                out.writeSignedVarLong(rowIds[i] - prev);
                prev = rowIds[i];
            }
        }

        void sequence(SequenceEntry s) {
            out.writeByte(SEQUENCE);
            out.writeString(s.schema());
            out.writeString(s.name());
            CatalogCodec.writeSequenceCounter(s.state(), out);
            ops++;
        }
    }

    /** Applies one record in {@code txn}. */
    static void replay(byte[] record, Catalog catalog, Transaction txn, PersistentDatabase db) {
        ByteIn in = new ByteIn(record);
        while (!in.atEnd()) {
            int op = in.readByte();
            String schema = in.readString();
            String name = in.readString();
            switch (op) {
                case INSERT -> {
                    TableEntry t = catalog.getTable(txn, schema, name);
                    long first = in.readVarLong();
                    int n = in.readCount(0);
                    int ncols = in.readCount(0);
                    List<LogicalType> types = t.types();
                    if (ncols != types.size()) {
                        throw new CorruptDataException("log record for table " + name + " has " + ncols + " columns, the table " + types.size());
                    }
                    Vector[] cols = new Vector[ncols];
                    for (int c = 0; c < ncols; c++) {
                        cols[c] = SegmentCodec.decode(types.get(c), in);
                    }
                    t.storage().replayInsert(txn, first, new DataChunk(cols, n));
                }
                case INSERT_GROUP -> {
                    TableEntry t = catalog.getTable(txn, schema, name);
                    long first = in.readVarLong();
                    db.replayGroup(t, txn, first, in.readBlob());
                }
                case DELETE -> {
                    TableEntry t = catalog.getTable(txn, schema, name);
                    long[] ids = readRowIds(in);
                    t.storage().delete(txn, ids, ids.length);
                }
                case UPDATE -> {
                    TableEntry t = catalog.getTable(txn, schema, name);
                    long[] ids = readRowIds(in);
                    int column = in.readVarInt();
                    if (column >= t.types().size()) {
                        throw new CorruptDataException("log record updates column " + column + " of table " + name);
                    }
                    Vector v = SegmentCodec.decode(t.types().get(column), in);
                    t.storage().update(txn, ids, ids.length, new int[] {column}, new DataChunk(new Vector[] {v}, ids.length));
                }
                case SEQUENCE -> {
                    SequenceEntry s = catalog.getSequence(txn, schema, name);
                    CatalogCodec.readSequenceCounter(s.state(), in);
                }
                default -> throw new CorruptDataException("unknown log operation " + op);
            }
        }
    }

    private static long[] readRowIds(ByteIn in) {
        int n = in.readCount(1);
        long[] ids = new long[n];
        long prev = 0;
        for (int i = 0; i < n; i++) {
            prev += in.readSignedVarLong();
            ids[i] = prev;
        }
        return ids;
    }
}
