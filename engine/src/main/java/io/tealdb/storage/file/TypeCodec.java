package io.tealdb.storage.file;

import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeId;

/**
 * Writes and reads {@link LogicalType}s in database files and logs: the type family by name (so
 * adding an enum constant never shifts stored numbers), then its parameters. Nested types add their
 * children here.
 */
public final class TypeCodec {
    private TypeCodec() {
    }

    /** A collated VARCHAR is written as this prefix and its collation (files without collations read as before). */
    private static final String COLLATED_VARCHAR = "VARCHAR COLLATE ";

    public static void write(LogicalType type, ByteOut out) {
        out.writeString(type.collation() == null ? type.id().name() : COLLATED_VARCHAR + type.collation());
        out.writeVarInt(type.precision());
        out.writeVarInt(type.scale());
        out.writeVarInt(type.children().size());
        for (io.tealdb.types.TypeField f : type.children()) {
            out.writeString(f.name());
            write(f.type(), out);
        }
        if (type.id() == TypeId.ENUM) {
            // the dictionary travels with every column of the type: a column keeps its labels even
            // after DROP TYPE, as in DuckDB
            out.writeVarInt(type.dictionary().size());
            for (String label : type.dictionary().labels()) out.writeString(label);
        }
    }

    public static LogicalType read(ByteIn in) {
        String name = in.readString();
        int precision = in.readVarInt();
        int scale = in.readVarInt();
        int childCount = in.readCount(0);
        java.util.List<io.tealdb.types.TypeField> children = new java.util.ArrayList<>(childCount);
        for (int i = 0; i < childCount; i++) {
            String field = in.readString();
            children.add(new io.tealdb.types.TypeField(field, read(in)));
        }
        TypeId id;
        String collation = null;
        if (name.startsWith(COLLATED_VARCHAR)) {
            collation = name.substring(COLLATED_VARCHAR.length());
            name = TypeId.VARCHAR.name();
        }
        try {
            id = TypeId.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CorruptDataException("unknown type \"" + name + "\" in the database file (written by a newer TealDB?)");
        }
        io.tealdb.types.EnumDictionary dictionary = null;
        if (id == TypeId.ENUM) {
            int n = in.readCount(0);
            java.util.List<String> labels = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) labels.add(in.readString());
            try {
                dictionary = new io.tealdb.types.EnumDictionary(labels);
            } catch (IllegalArgumentException e) {
                throw new CorruptDataException("invalid ENUM type in the database file: " + e.getMessage());
            }
        }
        try {
            return new LogicalType(id, precision, scale, children, dictionary, collation);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("invalid type " + name + "(" + precision + ", " + scale + ") in the database file");
        }
    }
}
