package io.tealdb.io.parquet;

import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a Parquet file as SQL sees them: the footer's flattened schema tree walked into
 * top-level fields, each primitive mapped to a TealDB type (DuckDB's mapping). A flat field is one
 * column chunk ({@link Field#column}); a nested one (groups, repeated fields, LIST and MAP
 * annotations, including the legacy two-level lists) is a {@link ParquetNode} tree over its leaves.
 * A field that cannot be read keeps the reason in {@link Field#unsupported}, so that a query reading
 * it fails with a clear message while the file's other columns stay readable.
 */
public final class ParquetSchema {
    /** A top-level field: a flat column, a nested tree, or the reason it cannot be read. */
    public record Field(String name, ParquetColumn column, ParquetNode node, String unsupported) {
        /** The SQL type the field reads as (null when it cannot be read). */
        public LogicalType type() {
            return column != null ? column.type() : node != null ? node.type() : null;
        }
    }

    private final List<Field> fields;
    private final int leafCount;

    private ParquetSchema(List<Field> fields, int leafCount) {
        this.fields = fields;
        this.leafCount = leafCount;
    }

    public List<Field> fields() {
        return fields;
    }

    public int leafCount() {
        return leafCount;
    }

    public static ParquetSchema of(FileMetadata meta) {
        List<SchemaElement> s = meta.schema();
        int[] cursor = {1};
        int[] leaf = {0};
        List<Field> fields = new ArrayList<>();
        int children = s.get(0).numChildren();
        for (int c = 0; c < children; c++) {
            if (cursor[0] >= s.size()) throw new ParquetFormatException("the schema lists fewer elements than its groups announce");
            SchemaElement e = s.get(cursor[0]);
            String name = e.name().isEmpty() ? "C" + c : e.name(); // an unnamed column is C<position>, as DuckDB names it
            if (!e.isGroup() && e.numChildren() == 0 && e.repetition() != ParquetEnums.REPEATED) {
                cursor[0]++;
                int def = e.repetition() == ParquetEnums.OPTIONAL ? 1 : 0;
                Mapping m = map(e);
                fields.add(new Field(name, new ParquetColumn(e.name(), leaf[0]++, e, def, 0, m.type, m.conversion), null, null));
                continue;
            }
            int start = cursor[0];
            int firstLeaf = leaf[0];
            try {
                ParquetNode node = child(s, cursor, leaf, 0, 0, "", 0);
                fields.add(new Field(name, null, node, null));
            } catch (Unreadable u) {
                // skip the rest of the field: its leaves still count, so later fields find their chunks
                cursor[0] = start + 1;
                leaf[0] = firstLeaf;
                if (e.isGroup() || e.numChildren() > 0) skipChildren(s, e.numChildren(), cursor, leaf, 1);
                else leaf[0]++;
                fields.add(new Field(name, null, null, u.getMessage()));
            }
        }
        return new ParquetSchema(List.copyOf(fields), leaf[0]);
    }

    /** A nested shape TealDB cannot read (the rest of the file stays readable). */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** The field at the cursor, below a parent present from definition level {@code def} with repetition level {@code rep}. */
    private static ParquetNode child(List<SchemaElement> s, int[] cursor, int[] leaf, int def, int rep, String path, int depth) {
        if (cursor[0] >= s.size()) throw new ParquetFormatException("the schema lists fewer elements than its groups announce");
        SchemaElement e = s.get(cursor[0]++);
        int d = def + (e.repetition() == ParquetEnums.REQUIRED ? 0 : 1);
        if (e.repetition() == ParquetEnums.REPEATED) {
            // a repeated field without a LIST wrapper: a list of its (required) self, never NULL itself
            ParquetNode element = build(e, s, cursor, leaf, d, rep + 1, path, depth);
            return new ParquetNode.ListNode(LogicalType.list(element.type()), def, d, rep + 1, element);
        }
        return build(e, s, cursor, leaf, d, rep, path, depth);
    }

    /** Element {@code e} (already consumed) as a node present from level {@code def}; its children follow the cursor. */
    private static ParquetNode build(SchemaElement e, List<SchemaElement> s, int[] cursor, int[] leaf, int def, int rep, String path,
                                     int depth) {
        if (depth > 100) throw new ParquetFormatException("schema nested too deeply");
        String name = path.isEmpty() ? e.name() : path + "." + e.name();
        if (!e.isGroup() && e.numChildren() == 0) {
            Mapping m;
            try {
                m = map(e);
            } catch (ParquetFormatException x) {
                throw new Unreadable(x.getMessage());
            }
            return new ParquetNode.Leaf(new ParquetColumn(name, leaf[0]++, e, def, rep, m.type, m.conversion));
        }
        if (e.numChildren() <= 0) throw new Unreadable("STRUCT without fields");
        ThriftStruct lt = e.logicalType();
        int member = lt == null ? -1 : lt.unionMember();
        boolean isList = member == 3 || e.convertedType() == ParquetEnums.LIST;
        boolean isMap = member == 2 || e.convertedType() == ParquetEnums.MAP || e.convertedType() == ParquetEnums.MAP_KEY_VALUE;
        if ((isList || isMap) && e.numChildren() == 1 && s.get(cursor[0]).repetition() == ParquetEnums.REPEATED) {
            SchemaElement r = s.get(cursor[0]++);
            int rDef = def + 1;
            int rRep = rep + 1;
            if (isMap && (r.isGroup() || r.numChildren() > 0)) {
                if (r.numChildren() != 2) {
                    skipChildren(s, r.numChildren(), cursor, leaf, depth + 1);
                    throw new Unreadable("MAP whose entries have " + r.numChildren() + " fields instead of key and value");
                }
                ParquetNode key = child(s, cursor, leaf, rDef, rRep, name, depth + 1);
                ParquetNode value = child(s, cursor, leaf, rDef, rRep, name, depth + 1);
                LogicalType mapType = LogicalType.map(key.type(), value.type());
                ParquetNode entry = new ParquetNode.Struct(mapType.childType(), rDef, List.of(key, value));
                return new ParquetNode.ListNode(mapType, def, rDef, rRep, entry);
            }
            // LIST (and a MAP whose entries are not a group): the backward-compatibility rules of the
            // format decide whether the repeated field is the element or wraps it
            ParquetNode element;
            if (!r.isGroup() && r.numChildren() == 0) {
                element = build(r, s, cursor, leaf, rDef, rRep, name, depth + 1);
            } else if (r.numChildren() > 1 || r.name().equals("array") || r.name().equals(e.name() + "_tuple")) {
                element = build(r, s, cursor, leaf, rDef, rRep, name, depth + 1);
            } else {
                element = child(s, cursor, leaf, rDef, rRep, name, depth + 1);
            }
            return new ParquetNode.ListNode(LogicalType.list(element.type()), def, rDef, rRep, element);
        }
        List<ParquetNode> kids = new ArrayList<>(e.numChildren());
        List<io.tealdb.types.TypeField> fields = new ArrayList<>(e.numChildren());
        for (int i = 0; i < e.numChildren(); i++) {
            SchemaElement c = s.get(cursor[0]);
            ParquetNode k = child(s, cursor, leaf, def, rep, name, depth + 1);
            kids.add(k);
            fields.add(new io.tealdb.types.TypeField(c.name(), k.type()));
        }
        return new ParquetNode.Struct(LogicalType.struct(fields), def, kids);
    }

    private static void skipChildren(List<SchemaElement> s, int n, int[] cursor, int[] leaf, int depth) {
        if (depth > 100) throw new ParquetFormatException("schema nested too deeply");
        for (int i = 0; i < n; i++) {
            if (cursor[0] >= s.size()) throw new ParquetFormatException("the schema lists fewer elements than its groups announce");
            SchemaElement e = s.get(cursor[0]++);
            if (e.isGroup() || e.numChildren() > 0) skipChildren(s, e.numChildren(), cursor, leaf, depth + 1);
            else leaf[0]++;
        }
    }

    private record Mapping(LogicalType type, ValueConversion conversion) {
    }

    /** The scale of a DECIMAL element (logical type first, converted type second), or 0. */
    static int decimalScale(SchemaElement e) {
        ThriftStruct lt = e.logicalType();
        if (lt != null && lt.has(5)) return lt.struct(5).i32(1, 0);
        return Math.max(0, e.scale());
    }

    /** DuckDB's mapping of a primitive schema element to a SQL type. */
    static Mapping map(SchemaElement e) {
        ThriftStruct lt = e.logicalType();
        int member = lt == null ? -1 : lt.unionMember();
        int ct = e.convertedType();
        int physical = e.type();
        // decimals: logical type first, converted type (legacy writers) second
        int scale = -1, precision = -1;
        if (member == 5) {
            ThriftStruct d = lt.struct(5);
            scale = d.i32(1, 0);
            precision = d.i32(2, 0);
        } else if (ct == ParquetEnums.DECIMAL) {
            scale = e.scale();
            precision = e.precision();
        }
        if (precision > LogicalType.MAX_DECIMAL_PRECISION && scale >= 0 && scale <= precision
                && (physical == ParquetEnums.BYTE_ARRAY || physical == ParquetEnums.FIXED_LEN_BYTE_ARRAY)) {
            return new Mapping(LogicalType.DOUBLE, ValueConversion.BINARY_DECIMAL_TO_DOUBLE);
        }
        if (precision > 0) {
            if (precision > LogicalType.MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
                throw new ParquetFormatException("column \"" + e.name() + "\" has DECIMAL(" + precision + "," + scale + "), which is not supported");
            }
            LogicalType t = LogicalType.decimal(precision, scale);
            boolean wide = precision > LogicalType.MAX_INT64_DECIMAL_PRECISION;
            return switch (physical) {
                case ParquetEnums.INT32 -> new Mapping(t, wide ? ValueConversion.INT64_TO_INT128 : ValueConversion.INT32_TO_INT64);
                case ParquetEnums.INT64 -> new Mapping(t, wide ? ValueConversion.INT64_TO_INT128 : ValueConversion.INT64);
                case ParquetEnums.BYTE_ARRAY, ParquetEnums.FIXED_LEN_BYTE_ARRAY ->
                        new Mapping(t, wide ? ValueConversion.BINARY_DECIMAL_TO_INT128 : ValueConversion.BINARY_DECIMAL_TO_INT64);
                default -> throw new ParquetFormatException("column \"" + e.name() + "\": DECIMAL stored as " + ParquetEnums.typeName(physical));
            };
        }
        switch (physical) {
            case ParquetEnums.BOOLEAN:
                return new Mapping(LogicalType.BOOLEAN, ValueConversion.BOOLEAN);
            case ParquetEnums.INT32: {
                int bits = 32;
                boolean signed = true;
                if (member == 10) {
                    ThriftStruct it = lt.struct(10);
                    bits = it.i32(1, 32);
                    signed = it.bool(2, true);
                } else if (ct >= ParquetEnums.UINT_8 && ct <= ParquetEnums.INT_64) {
                    bits = switch (ct) {
                        case ParquetEnums.UINT_8, ParquetEnums.INT_8 -> 8;
                        case ParquetEnums.UINT_16, ParquetEnums.INT_16 -> 16;
                        default -> 32;
                    };
                    signed = ct >= ParquetEnums.INT_8;
                }
                if (member == 6 || ct == ParquetEnums.DATE) return new Mapping(LogicalType.DATE, ValueConversion.INT32);
                if (member == 7 || ct == ParquetEnums.TIME_MILLIS) return new Mapping(LogicalType.TIME, ValueConversion.INT32_MILLIS_TO_MICROS);
                if (signed) {
                    return switch (bits) {
                        case 8 -> new Mapping(LogicalType.TINYINT, ValueConversion.INT32_TO_INT8);
                        case 16 -> new Mapping(LogicalType.SMALLINT, ValueConversion.INT32_TO_INT16);
                        default -> new Mapping(LogicalType.INTEGER, ValueConversion.INT32);
                    };
                }
                return switch (bits) {
                    case 8 -> new Mapping(ParquetTypes.utinyint(), ValueConversion.INT32_UNSIGNED_TO_INT16);
                    case 16 -> new Mapping(ParquetTypes.usmallint(), ValueConversion.INT32_UNSIGNED_TO_INT32);
                    default -> new Mapping(ParquetTypes.uinteger(), ValueConversion.INT32_UNSIGNED_TO_INT64);
                };
            }
            case ParquetEnums.INT64: {
                if (member == 8 || ct == ParquetEnums.TIMESTAMP_MILLIS || ct == ParquetEnums.TIMESTAMP_MICROS) {
                    int unit = member == 8 ? timeUnit(lt.struct(8)) : ct == ParquetEnums.TIMESTAMP_MILLIS ? 1 : 2;
                    // the legacy converted types read as TIMESTAMP (DuckDB's choice)
                    boolean utc = member == 8 && lt.struct(8).bool(1, false);
                    LogicalType t = ParquetTypes.timestamp(unit, utc);
                    return new Mapping(t, t.id() == io.tealdb.types.TypeId.TIMESTAMP_NS ? ValueConversion.INT64 : unitConversion(unit));
                }
                if (member == 7 || ct == ParquetEnums.TIME_MICROS) {
                    int unit = member == 7 ? timeUnit(lt.struct(7)) : 2;
                    return new Mapping(LogicalType.TIME, unitConversion(unit));
                }
                boolean unsigned = member == 10 ? !lt.struct(10).bool(2, true) : ct == ParquetEnums.UINT_64;
                return unsigned ? new Mapping(ParquetTypes.ubigint(), ValueConversion.INT64_UNSIGNED_TO_INT128)
                        : new Mapping(LogicalType.BIGINT, ValueConversion.INT64);
            }
            case ParquetEnums.INT96:
                return new Mapping(LogicalType.TIMESTAMP, ValueConversion.INT96_TO_MICROS);
            case ParquetEnums.FLOAT:
                return new Mapping(LogicalType.FLOAT, ValueConversion.FLOAT);
            case ParquetEnums.DOUBLE:
                return new Mapping(LogicalType.DOUBLE, ValueConversion.DOUBLE);
            case ParquetEnums.BYTE_ARRAY: {
                // a JSON column reads as JSON, as in DuckDB
                if (member == 12 || ct == ParquetEnums.JSON) return new Mapping(LogicalType.JSON, ValueConversion.BINARY);
                boolean text = member == 1 || member == 4 || ct == ParquetEnums.UTF8 || ct == ParquetEnums.ENUM;
                return new Mapping(text ? LogicalType.VARCHAR : LogicalType.BLOB, ValueConversion.BINARY);
            }
            case ParquetEnums.FIXED_LEN_BYTE_ARRAY: {
                if (e.typeLength() < 0) throw new ParquetFormatException("column \"" + e.name() + "\" has a negative fixed length");
                if (member == 15 && e.typeLength() == 2) return new Mapping(LogicalType.FLOAT, ValueConversion.FLOAT16_TO_FLOAT);
                if (member == 14 && e.typeLength() == 16) return new Mapping(ParquetTypes.uuid(), ValueConversion.UUID);
                if (ct == ParquetEnums.INTERVAL && e.typeLength() == 12) return new Mapping(LogicalType.INTERVAL, ValueConversion.INTERVAL);
                return new Mapping(LogicalType.BLOB, ValueConversion.BINARY);
            }
            default:
                throw new ParquetFormatException("column \"" + e.name() + "\" has an unknown physical type " + physical);
        }
    }

    /** TimeUnit union: 1 millis, 2 micros, 3 nanos. */
    private static int timeUnit(ThriftStruct timeType) {
        ThriftStruct unit = timeType.struct(2);
        int m = unit == null ? 2 : unit.unionMember();
        return m < 1 || m > 3 ? 2 : m;
    }

    private static ValueConversion unitConversion(int unit) {
        return switch (unit) {
            case 1 -> ValueConversion.INT64_MILLIS_TO_MICROS;
            case 3 -> ValueConversion.INT64_NANOS_TO_MICROS;
            default -> ValueConversion.INT64;
        };
    }
}
