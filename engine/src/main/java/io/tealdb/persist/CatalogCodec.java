package io.tealdb.persist;

import io.tealdb.catalog.ColumnDefinition;
import io.tealdb.catalog.MacroEntry;
import io.tealdb.catalog.SequenceState;
import io.tealdb.catalog.TableConstraint;
import io.tealdb.storage.file.ByteIn;
import io.tealdb.storage.file.ByteOut;
import io.tealdb.storage.file.CorruptDataException;
import io.tealdb.storage.file.TypeCodec;
import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Byte format of catalog definitions in a checkpoint: table columns and constraints, views,
 * macros, sequences (with their counters) and type aliases. Expressions (defaults, CHECKs, view
 * and macro bodies) are stored as the SQL text the catalog keeps, re-bound on use as always.
 */
final class CatalogCodec {
    static final int TABLE = 1;
    static final int VIEW = 2;
    static final int SEQUENCE = 3;
    static final int MACRO = 4;
    static final int TYPE = 5;

    private CatalogCodec() {
    }

    static void writeColumns(List<ColumnDefinition> columns, ByteOut out) {
        out.writeVarInt(columns.size());
        for (ColumnDefinition c : columns) {
            out.writeString(c.name());
            TypeCodec.write(c.type(), out);
            // bit 0: NOT NULL, bit 1: hidden, bit 2: stored generated (older files hold only the bits they knew)
            out.writeByte((c.notNull() ? 1 : 0) | (c.hidden() ? 2 : 0) | (c.stored() ? 4 : 0));
            out.writeString(c.defaultSql());
            out.writeString(c.generatedSql());
        }
    }

    static List<ColumnDefinition> readColumns(ByteIn in) {
        int n = in.readCount(1);
        List<ColumnDefinition> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.readString();
            LogicalType type = TypeCodec.read(in);
            int flags = in.readByte();
            String def = in.readString();
            String gen = in.readString();
            out.add(new ColumnDefinition(name, type, (flags & 1) != 0, def, gen, (flags & 2) != 0, gen != null && (flags & 4) != 0));
        }
        return out;
    }

    static void writeConstraints(List<TableConstraint> constraints, ByteOut out) {
        out.writeVarInt(constraints.size());
        for (TableConstraint tc : constraints) {
            switch (tc) {
                case TableConstraint.PrimaryKey pk -> {
                    out.writeByte(1);
                    writeInts(pk.columns(), out);
                }
                case TableConstraint.Unique u -> {
                    out.writeByte(2);
                    writeInts(u.columns(), out);
                }
                case TableConstraint.Check c -> {
                    out.writeByte(3);
                    out.writeString(c.sql());
                }
                case TableConstraint.ForeignKey fk -> {
                    out.writeByte(4);
                    writeInts(fk.columns(), out);
                    out.writeString(fk.referencedSchema());
                    out.writeString(fk.referencedTable());
                    writeStrings(fk.referencedColumns(), out);
                }
            }
        }
    }

    static List<TableConstraint> readConstraints(ByteIn in) {
        int n = in.readCount(1);
        List<TableConstraint> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int kind = in.readByte();
            out.add(switch (kind) {
                case 1 -> new TableConstraint.PrimaryKey(readInts(in));
                case 2 -> new TableConstraint.Unique(readInts(in));
                case 3 -> new TableConstraint.Check(in.readString());
                case 4 -> new TableConstraint.ForeignKey(readInts(in), in.readString(), in.readString(), readStrings(in));
                default -> throw new CorruptDataException("unknown constraint kind " + kind);
            });
        }
        return out;
    }

    static void writeMacro(MacroEntry m, ByteOut out) {
        out.writeString(m.name());
        writeStrings(m.parameters(), out);
        out.writeVarInt(m.defaults().size());
        for (Map.Entry<String, String> e : m.defaults().entrySet()) {
            out.writeString(e.getKey());
            out.writeString(e.getValue());
        }
        out.writeString(m.sql());
        out.writeBoolean(m.tableMacro());
    }

    static MacroEntry readMacro(String schema, ByteIn in) {
        String name = in.readString();
        List<String> params = readStrings(in);
        int nd = in.readCount(1);
        Map<String, String> defaults = new LinkedHashMap<>();
        for (int i = 0; i < nd; i++) {
            defaults.put(in.readString(), in.readString());
        }
        String sql = in.readString();
        boolean table = in.readBoolean();
        return new MacroEntry(schema, name, params, defaults, sql, table);
    }

    static void writeSequence(String name, SequenceState s, ByteOut out) {
        out.writeString(name);
        out.writeLong(s.start());
        out.writeLong(s.increment());
        out.writeLong(s.minValue());
        out.writeLong(s.maxValue());
        out.writeBoolean(s.cycle());
        writeSequenceCounter(s, out);
    }

    static void writeSequenceCounter(SequenceState s, ByteOut out) {
        synchronized (s) {
            out.writeLong(s.nextRaw());
            out.writeBoolean(s.used());
            out.writeLong(s.lastValue());
        }
    }

    static void readSequenceCounter(SequenceState s, ByteIn in) {
        long next = in.readLong();
        boolean used = in.readBoolean();
        long last = in.readLong();
        s.restore(next, used, last);
    }

    static void writeInts(List<Integer> a, ByteOut out) {
        out.writeVarInt(a.size());
        for (int x : a) out.writeVarInt(x);
    }

    static List<Integer> readInts(ByteIn in) {
        int n = in.readCount(1);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(in.readVarInt());
        return out;
    }

    static void writeStrings(List<String> a, ByteOut out) {
        out.writeVarInt(a.size());
        for (String s : a) out.writeString(s);
    }

    static List<String> readStrings(ByteIn in) {
        int n = in.readCount(1);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(in.readString());
        return out;
    }

    static void writeTypes(List<LogicalType> a, ByteOut out) {
        out.writeVarInt(a.size());
        for (LogicalType t : a) TypeCodec.write(t, out);
    }

    static List<LogicalType> readTypes(ByteIn in) {
        int n = in.readCount(1);
        List<LogicalType> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(TypeCodec.read(in));
        return out;
    }
}
