package io.tealdb.arrow;

import io.tealdb.error.NotImplementedException;
import io.tealdb.types.LogicalType;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import io.tealdb.types.TimeZones;
import io.tealdb.types.TypeField;
import org.apache.arrow.vector.extension.UuidType;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The type mapping between TealDB and Arrow, in both directions (DuckDB's choices where Arrow has
 * several): BIGINT ↔ int64, UTINYINT…UBIGINT ↔ uint8…uint64, DECIMAL(p,s) ↔ decimal128(p,s),
 * VARCHAR ↔ utf8, BLOB ↔ binary, DATE ↔ date32, TIME ↔ time64[µs], TIMESTAMP ↔ timestamp[µs],
 * TIMESTAMP_S/_MS/_NS ↔ timestamp[s]/[ms]/[ns], TIMESTAMPTZ ↔ timestamp[µs, tz=session zone],
 * INTERVAL ↔ interval month-day-nano, LIST ↔ list, ARRAY ↔ fixed_size_list, STRUCT ↔ struct, MAP ↔
 * map (nested to any depth, NULLs at every level). HUGEINT and UHUGEINT have no Arrow integer type:
 * they go out as decimal128(38,0), like DuckDB, and UUID as its text (DuckDB's default), each marked
 * with field metadata {@value #TYPE_KEY} so that TealDB reads it back as itself; so is ENUM, as
 * a dictionary-encoded column at any depth (its codes over its labels, as DuckDB; the metadata holds
 * the whole type, labels included). TIMETZ goes out as
 * its local time64[µs] (DuckDB's choice: Arrow has no time with an offset) and comes back as TIME;
 * with {@code SET arrow_lossless_conversion = true} as DuckDB's {@code arrow.opaque} {@code time_tz}
 * (time and offset, {@link #lossless}), which comes back as TIMETZ.
 *
 * <p>Arrow types read in besides these: float16, decimal256 (≤ 38 digits exactly, wider ones as
 * DOUBLE), large utf8/binary/list and string/binary views, fixed-size binary (UUID when it carries
 * the canonical {@code arrow.uuid} extension), date64, time32/time64 in every unit, timestamps with
 * a zone in every unit (TIMESTAMPTZ), durations and the other interval units (as INTERVAL), null (an
 * all-NULL INTEGER column) and dictionary-encoded columns (decoded to the dictionary's type).
 */
public final class ArrowSchemas {
    /** Field metadata naming the TealDB type when the Arrow type alone loses it. */
    public static final String TYPE_KEY = "tealdb.type";

    private ArrowSchemas() {
    }

    /**
     * The Arrow schema of a result with these columns; TIMESTAMPTZ columns carry {@code zone}. A
     * top-level ENUM column is dictionary-encoded, as DuckDB exports it: its field holds the codes
     * (uint8, or uint16/uint32 for more labels) and names dictionary {@code c} (the column's index),
     * whose values are the enum's labels ({@link #enumDictionaries}); an ENUM inside a nested type
     * (a LIST's elements, a STRUCT's field, a MAP's key or value) is dictionary-encoded the same way,
     * as DuckDB exports it, with dictionary ids after the columns' ({@link #forEachEnum}).
     */
    public static Schema toSchema(List<String> names, List<LogicalType> types, ZoneId zone) {
        return schema(names, types, zone, false);
    }

    /**
     * {@link #toSchema(List, List, ZoneId)} in Arrow's message format, where a dictionary-encoded
     * field has the type of its dictionary's values (what an {@code ArrowReader} declares).
     */
    static Schema toMessageSchema(List<String> names, List<LogicalType> types, ZoneId zone) {
        return schema(names, types, zone, true);
    }

    /**
     * The Arrow schema of {@code result}'s columns ({@link #toSchema(List, List, ZoneId)} in its session's
     * zone), lossless as its session's {@code arrow_lossless_conversion} says ({@link #lossless}).
     */
    public static Schema toSchema(io.tealdb.Result result) {
        Schema s = toSchema(result.columnNames(), result.columnTypes(), result.timeZone());
        return result.arrowLosslessConversion() ? lossless(s, result.columnTypes()) : s;
    }

    /** {@link #toSchema(io.tealdb.Result)} in Arrow's message format ({@link #toMessageSchema(List, List, ZoneId)}). */
    static Schema toMessageSchema(io.tealdb.Result result) {
        Schema s = toMessageSchema(result.columnNames(), result.columnTypes(), result.timeZone());
        return result.arrowLosslessConversion() ? lossless(s, result.columnTypes()) : s;
    }

    /** Field metadata of DuckDB's lossless TIMETZ export: Arrow's canonical opaque extension over fixed_size_binary[8]. */
    private static final Map<String, String> TIME_TZ_OPAQUE = Map.of(
            "ARROW:extension:name", "arrow.opaque",
            "ARROW:extension:metadata", "{\"type_name\":\"time_tz\",\"vendor_name\":\"DuckDB\"}");

    /**
     * {@code schema} (of columns of {@code types}) as DuckDB exports it with {@code SET
     * arrow_lossless_conversion = true}: a TIMETZ, at any depth, is its whole value in DuckDB's layout
     * ({@link io.tealdb.types.TimeZones#timeTzToDuckDb}) as {@code fixed_size_binary[8]} with the
     * {@code arrow.opaque} extension naming {@code time_tz} (read back as TIMETZ, by TealDB and DuckDB),
     * instead of its local time.
     */
    static Schema lossless(Schema schema, List<LogicalType> types) {
        List<Field> fields = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) fields.add(lossless(schema.getFields().get(i), types.get(i)));
        return new Schema(fields, schema.getCustomMetadata());
    }

    private static Field lossless(Field f, LogicalType type) {
        if (type.id() == io.tealdb.types.TypeId.TIME_TZ) {
            return new Field(f.getName(), new FieldType(true, new ArrowType.FixedSizeBinary(8), null, TIME_TZ_OPAQUE), null);
        }
        List<Field> kids = f.getChildren();
        List<LogicalType> kidTypes = switch (type.id()) {
            case LIST, ARRAY -> List.of(type.childType());
            case STRUCT -> type.children().stream().map(TypeField::type).toList();
            case MAP -> List.of(LogicalType.struct(List.of(new TypeField("key", type.mapKey()), new TypeField("value", type.mapValue()))));
            default -> List.of();
        };
        if (kidTypes.isEmpty() || kids.size() != kidTypes.size()) return f;
        List<Field> out = new ArrayList<>(kids.size());
        for (int i = 0; i < kids.size(); i++) {
            Field k = lossless(kids.get(i), kidTypes.get(i));
            // a MAP's entries and key stay non-nullable
            out.add(k.isNullable() == kids.get(i).isNullable() ? k
                    : new Field(k.getName(), new FieldType(kids.get(i).isNullable(), k.getType(), k.getDictionary(), k.getMetadata()), k.getChildren()));
        }
        return new Field(f.getName(), f.getFieldType(), out);
    }

    private static Schema schema(List<String> names, List<LogicalType> types, ZoneId zone, boolean message) {
        List<Field> fields = new ArrayList<>(names.size());
        EnumIds ids = new EnumIds(types.size());
        for (int i = 0; i < names.size(); i++) {
            LogicalType t = types.get(i);
            if (t.id() == io.tealdb.types.TypeId.ENUM) {
                fields.add(enumField(names.get(i), t, i, message));
            } else {
                fields.add(field(names.get(i), t, zone, ids, message));
            }
        }
        return new Schema(fields);
    }

    /**
     * {@link #toSchema(List, List, ZoneId)} without dictionary encoding below the top level (an ENUM
     * inside a nested type as its labels, utf8), for writers that carry no dictionaries for nested
     * fields (the ClickHouse endpoint's Arrow output).
     */
    public static Schema toSchemaWithNestedEnumLabels(List<String> names, List<LogicalType> types) {
        List<Field> fields = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            LogicalType t = types.get(i);
            fields.add(t.id() == io.tealdb.types.TypeId.ENUM ? enumField(names.get(i), t, i, false) : toField(names.get(i), t, ZoneOffset.UTC));
        }
        return new Schema(fields);
    }

    /** A dictionary-encoded ENUM field: its codes (memory format) or its labels' type (message format), marked with the whole type. */
    private static Field enumField(String name, LogicalType t, long id, boolean message) {
        DictionaryEncoding encoding = enumEncoding(id, t);
        return new Field(name, new FieldType(true, message ? ArrowType.Utf8.INSTANCE : encoding.getIndexType(),
                encoding, Map.of(TYPE_KEY, t.toString())), null);
    }

    /** The dictionary encoding of an ENUM with dictionary id {@code id}: DuckDB's index widths, unordered. */
    private static DictionaryEncoding enumEncoding(long id, LogicalType type) {
        int n = type.dictionary().size();
        ArrowType.Int index = new ArrowType.Int(n <= 0xFF ? 8 : n <= 0xFFFF ? 16 : 32, false);
        return new DictionaryEncoding(id, false, index);
    }

    /** Hands out the dictionary ids of nested ENUMs: after the columns' (a top-level ENUM's id is its column index). */
    private static final class EnumIds {
        long next;

        EnumIds(int columns) {
            this.next = columns;
        }
    }

    /** Receives an ENUM type and the dictionary id {@link #toSchema} gives it. */
    public interface EnumVisitor {
        void accept(long id, LogicalType enumType);
    }

    /**
     * Every ENUM of a result with these column types, top-level and nested, with the dictionary id
     * {@link #toSchema} gives it, in the order the schema's fields are made (columns in order, each
     * depth first: a LIST's or ARRAY's element, a STRUCT's fields in order, a MAP's key, then value).
     */
    public static void forEachEnum(List<LogicalType> types, EnumVisitor visitor) {
        EnumIds ids = new EnumIds(types.size());
        for (int c = 0; c < types.size(); c++) {
            LogicalType t = types.get(c);
            if (t.id() == io.tealdb.types.TypeId.ENUM) visitor.accept(c, t);
            else nestedEnums(t, ids, visitor);
        }
    }

    private static void nestedEnums(LogicalType t, EnumIds ids, EnumVisitor visitor) {
        switch (t.id()) {
            case ENUM -> visitor.accept(ids.next++, t);
            case LIST, ARRAY -> nestedEnums(t.childType(), ids, visitor);
            case STRUCT, UNION -> {
                for (TypeField f : t.id() == io.tealdb.types.TypeId.UNION ? t.unionMembers() : t.children()) nestedEnums(f.type(), ids, visitor);
            }
            case MAP -> {
                nestedEnums(t.mapKey(), ids, visitor);
                nestedEnums(t.mapValue(), ids, visitor);
            }
            default -> {
            }
        }
    }

    /**
     * The dictionaries that {@link #toSchema} names for the ENUMs of {@code types}, top-level and
     * nested: each enum's labels, in code order (the caller closes the vectors).
     */
    public static DictionaryProvider.MapDictionaryProvider enumDictionaries(List<LogicalType> types, org.apache.arrow.memory.BufferAllocator allocator) {
        DictionaryProvider.MapDictionaryProvider out = new DictionaryProvider.MapDictionaryProvider();
        forEachEnum(types, (id, t) -> {
            org.apache.arrow.vector.VarCharVector labels = new org.apache.arrow.vector.VarCharVector(
                    new Field("labels", FieldType.nullable(ArrowType.Utf8.INSTANCE), null), allocator);
            writeLabels(labels, t.dictionary());
            out.put(new Dictionary(labels, enumEncoding(id, t)));
        });
        return out;
    }

    /** Writes an enum's labels, in code order, into {@code into} (replacing what it held). */
    static void writeLabels(org.apache.arrow.vector.VarCharVector into, io.tealdb.types.EnumDictionary d) {
        into.clear();
        int n = d.size();
        into.allocateNew(n);
        for (int code = 0; code < n; code++) into.setSafe(code, d.labelBytes(code));
        into.setValueCount(n);
    }

    /** {@link #toSchema(List, List, ZoneId)} with TIMESTAMPTZ columns in UTC. */
    public static Schema toSchema(List<String> names, List<LogicalType> types) {
        return toSchema(names, types, ZoneOffset.UTC);
    }

    /**
     * The Arrow field for a TealDB column (always nullable), children included for nested types; an
     * ENUM, also inside a nested type, as its labels (utf8).
     */
    public static Field toField(String name, LogicalType type, ZoneId zone) {
        return field(name, type, zone, null, false);
    }

    /** {@link #toField}; with {@code ids}, an ENUM below the top level is dictionary-encoded with the next id. */
    private static Field field(String name, LogicalType type, ZoneId zone, EnumIds ids, boolean message) {
        if (type.id() == io.tealdb.types.TypeId.ENUM && ids != null) return enumField(name, type, ids.next++, message);
        Map<String, String> metadata = null;
        List<Field> children = null;
        ArrowType arrow = switch (type.id()) {
            case SQLNULL -> ArrowType.Null.INSTANCE;
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case TINYINT -> new ArrowType.Int(8, true);
            case SMALLINT -> new ArrowType.Int(16, true);
            case INTEGER -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            // unsigned: Arrow's unsigned ints (TealDB keeps them in the next wider signed layout)
            case UTINYINT -> new ArrowType.Int(8, false);
            case USMALLINT -> new ArrowType.Int(16, false);
            case UINTEGER -> new ArrowType.Int(32, false);
            case UBIGINT -> new ArrowType.Int(64, false);
            case HUGEINT, UHUGEINT -> {
                metadata = Map.of(TYPE_KEY, type.id().name());
                yield new ArrowType.Decimal(38, 0, 128);
            }
            case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(), 128);
            case VARCHAR -> ArrowType.Utf8.INSTANCE;
            // JSON: its text, as DuckDB exports it by default, marked so that TealDB reads it back as JSON
            case JSON -> {
                metadata = Map.of(TYPE_KEY, "JSON");
                yield ArrowType.Utf8.INSTANCE;
            }
            // UUID: its text, as DuckDB exports it by default (every consumer reads utf8), marked
            // so that TealDB reads it back as UUID
            case UUID -> {
                metadata = Map.of(TYPE_KEY, "UUID");
                yield ArrowType.Utf8.INSTANCE;
            }
            // ENUM: its labels as utf8 (every consumer reads them), marked with the whole type so
            // that TealDB reads the column back as the same enum
            case ENUM -> {
                metadata = Map.of(TYPE_KEY, type.toString());
                yield ArrowType.Utf8.INSTANCE;
            }
            case BLOB -> ArrowType.Binary.INSTANCE;
            // BIGNUM: its decimal text (read back as VARCHAR)
            case BIGNUM -> ArrowType.Utf8.INSTANCE;
            // BIT: binary in DuckDB's storage form (a padding count, then the packed bits), as DuckDB
            // exports it, marked so that TealDB reads it back as BIT
            case BIT -> {
                metadata = Map.of(TYPE_KEY, "BIT");
                yield ArrowType.Binary.INSTANCE;
            }
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            // TIMETZ: its local time, as DuckDB exports it (Arrow has no time with an offset)
            case TIME_TZ -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case TIMESTAMP_S -> new ArrowType.Timestamp(TimeUnit.SECOND, null);
            case TIMESTAMP_MS -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            case TIMESTAMP_NS -> new ArrowType.Timestamp(TimeUnit.NANOSECOND, null);
            // TIMESTAMPTZ: the instant, labelled with the session's zone (as DuckDB does)
            case TIMESTAMP_TZ -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, TimeZones.displayName(zone));
            case INTERVAL -> new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
            case LIST -> {
                children = List.of(field("l", type.childType(), zone, ids, message));
                yield ArrowType.List.INSTANCE;
            }
            case ARRAY -> {
                // DuckDB names a list's child "l" and a fixed-size list's child "" (pyarrow prints both)
                children = List.of(field("", type.childType(), zone, ids, message));
                yield new ArrowType.FixedSizeList(type.arraySize());
            }
            case STRUCT -> {
                children = new ArrayList<>(type.children().size());
                for (TypeField f : type.children()) children.add(field(f.name(), f.type(), zone, ids, message));
                yield ArrowType.Struct.INSTANCE;
            }
            // UNION: a sparse union of its members, type id = member position, as DuckDB exports it
            case UNION -> {
                children = new ArrayList<>(type.unionMemberCount());
                int[] typeIds = new int[type.unionMemberCount()];
                for (int k = 0; k < typeIds.length; k++) {
                    typeIds[k] = k;
                    children.add(field(type.unionMember(k).name(), type.unionMember(k).type(), zone, ids, message));
                }
                yield new ArrowType.Union(org.apache.arrow.vector.types.UnionMode.Sparse, typeIds);
            }
            case MAP -> {
                // Arrow's map: a list of non-null "entries" structs whose key is non-null
                Field key = field("key", type.mapKey(), zone, ids, message);
                key = new Field("key", new FieldType(false, key.getType(), key.getDictionary(), key.getMetadata()), key.getChildren());
                Field entries = new Field("entries", new FieldType(false, ArrowType.Struct.INSTANCE, null),
                        List.of(key, field("value", type.mapValue(), zone, ids, message)));
                children = List.of(entries);
                yield new ArrowType.Map(false);
            }
        };
        return new Field(name, new FieldType(true, arrow, null, metadata), children);
    }

    /** {@link #toField(String, LogicalType, ZoneId)} with TIMESTAMPTZ in UTC. */
    public static Field toField(String name, LogicalType type) {
        return toField(name, type, ZoneOffset.UTC);
    }

    /**
     * The TealDB type a column of this Arrow field is read as. A dictionary-encoded field takes the
     * type of its dictionary's values ({@code dictionaries} must provide it).
     */
    public static LogicalType toLogicalType(Field field, DictionaryProvider dictionaries) {
        DictionaryEncoding encoding = field.getDictionary();
        if (encoding != null) {
            // TealDB's own ENUM export: the codes over the labels, marked with the whole type
            String declared = field.getMetadata() == null ? null : field.getMetadata().get(TYPE_KEY);
            io.tealdb.types.EnumDictionary labels = io.tealdb.types.EnumDictionary.parse(declared);
            if (labels != null) return new LogicalType(io.tealdb.types.TypeId.ENUM, 0, 0, List.of(), labels);
            Dictionary d = dictionaries == null ? null : dictionaries.lookup(encoding.getId());
            if (d == null) {
                throw new io.tealdb.error.InvalidInputException("Arrow column \"" + field.getName()
                        + "\" is dictionary-encoded but dictionary " + encoding.getId() + " was not provided");
            }
            return toLogicalType(d.getVector().getField(), null);
        }
        ArrowType t = field.getType();
        String declared = field.getMetadata() == null ? null : field.getMetadata().get(TYPE_KEY);
        return switch (t) {
            case ArrowType.Null n -> LogicalType.INTEGER;
            case ArrowType.Bool b -> LogicalType.BOOLEAN;
            case ArrowType.Int i -> switch (i.getBitWidth()) {
                case 8 -> i.getIsSigned() ? LogicalType.TINYINT : LogicalType.UTINYINT;
                case 16 -> i.getIsSigned() ? LogicalType.SMALLINT : LogicalType.USMALLINT;
                case 32 -> i.getIsSigned() ? LogicalType.INTEGER : LogicalType.UINTEGER;
                default -> i.getIsSigned() ? LogicalType.BIGINT : LogicalType.UBIGINT;
            };
            case ArrowType.FloatingPoint f -> f.getPrecision() == FloatingPointPrecision.DOUBLE ? LogicalType.DOUBLE : LogicalType.FLOAT;
            case ArrowType.Decimal d -> {
                if ("HUGEINT".equals(declared) && d.getPrecision() == 38 && d.getScale() == 0) yield LogicalType.HUGEINT;
                if ("UHUGEINT".equals(declared) && d.getPrecision() == 38 && d.getScale() == 0) yield LogicalType.UHUGEINT;
                if (d.getPrecision() > LogicalType.MAX_DECIMAL_PRECISION || d.getScale() < 0) yield LogicalType.DOUBLE;
                yield LogicalType.decimal(d.getPrecision(), d.getScale());
            }
            case ArrowType.Utf8 s -> io.tealdb.types.EnumDictionary.parse(declared) != null
                    ? new LogicalType(io.tealdb.types.TypeId.ENUM, 0, 0, List.of(), io.tealdb.types.EnumDictionary.parse(declared))
                    : "UUID".equals(declared) ? LogicalType.UUID
                    : "BIT".equals(declared) ? LogicalType.BIT
                    : "JSON".equals(declared) || "arrow.json".equals(extensionName(field)) ? LogicalType.JSON : LogicalType.VARCHAR;
            case ArrowType.LargeUtf8 s -> LogicalType.VARCHAR;
            case ArrowType.Utf8View s -> LogicalType.VARCHAR;
            case ArrowType.Binary b -> "BIT".equals(declared) ? LogicalType.BIT : LogicalType.BLOB;
            case ArrowType.LargeBinary b -> LogicalType.BLOB;
            case ArrowType.BinaryView b -> LogicalType.BLOB;
            case ArrowType.FixedSizeBinary b -> b.getByteWidth() == 16 && isUuidExtension(field) ? LogicalType.UUID
                    : b.getByteWidth() == 8 && isDuckDbTimeTz(field) ? LogicalType.TIME_TZ : LogicalType.BLOB;
            case UuidType u -> LogicalType.UUID;
            case ArrowType.Date d -> LogicalType.DATE;
            case ArrowType.Time tm -> LogicalType.TIME;
            // DuckDB's reading: a zone makes it TIMESTAMPTZ (the instant), else the unit picks the type
            case ArrowType.Timestamp ts -> ts.getTimezone() != null ? LogicalType.TIMESTAMP_TZ : switch (ts.getUnit()) {
                case SECOND -> LogicalType.TIMESTAMP_S;
                case MILLISECOND -> LogicalType.TIMESTAMP_MS;
                case MICROSECOND -> LogicalType.TIMESTAMP;
                case NANOSECOND -> LogicalType.TIMESTAMP_NS;
            };
            case ArrowType.Interval iv -> LogicalType.INTERVAL;
            case ArrowType.Duration du -> LogicalType.INTERVAL;
            case ArrowType.List l -> LogicalType.list(toLogicalType(field.getChildren().get(0), dictionaries));
            case ArrowType.LargeList l -> LogicalType.list(toLogicalType(field.getChildren().get(0), dictionaries));
            case ArrowType.FixedSizeList l -> l.getListSize() == 0
                    ? LogicalType.list(toLogicalType(field.getChildren().get(0), dictionaries))
                    : LogicalType.array(toLogicalType(field.getChildren().get(0), dictionaries), l.getListSize());
            case ArrowType.Struct st -> {
                List<TypeField> fs = new ArrayList<>(field.getChildren().size());
                for (Field c : field.getChildren()) fs.add(new TypeField(c.getName(), toLogicalType(c, dictionaries)));
                yield LogicalType.struct(fs);
            }
            // a sparse or dense union: a UNION of its children (DuckDB reads sparse ones)
            case ArrowType.Union u -> {
                List<TypeField> members = new ArrayList<>(field.getChildren().size());
                for (Field c : field.getChildren()) members.add(new TypeField(c.getName(), toLogicalType(c, dictionaries)));
                if (members.isEmpty() || members.size() >= LogicalType.MAX_UNION_MEMBERS) {
                    throw new NotImplementedException("Arrow column \"" + field.getName() + "\" is a union of " + members.size()
                            + " members; a UNION has 1 to " + (LogicalType.MAX_UNION_MEMBERS - 1));
                }
                yield LogicalType.union(members);
            }
            case ArrowType.Map m -> {
                List<Field> kv = field.getChildren().get(0).getChildren();
                yield LogicalType.map(toLogicalType(kv.get(0), dictionaries), toLogicalType(kv.get(1), dictionaries));
            }
            default -> throw new NotImplementedException("Arrow column \"" + field.getName() + "\" has type " + t
                    + ", which TealDB cannot read yet");
        };
    }

    /** Whether the field carries Arrow's canonical UUID extension (when it arrives unregistered, as metadata). */
    static boolean isUuidExtension(Field field) {
        return "arrow.uuid".equals(extensionName(field));
    }

    /** Whether the field is DuckDB's lossless TIMETZ ({@code arrow.opaque} of type {@code time_tz}, see {@link #lossless}). */
    static boolean isDuckDbTimeTz(Field field) {
        if (!"arrow.opaque".equals(extensionName(field))) return false;
        String meta = field.getMetadata().get("ARROW:extension:metadata");
        return meta != null && meta.replace(" ", "").contains("\"type_name\":\"time_tz\"");
    }

    /** The Arrow extension type name in a field's metadata (an extension that arrives unregistered), or null. */
    static String extensionName(Field field) {
        Map<String, String> m = field.getMetadata();
        return m == null ? null : m.get("ARROW:extension:name");
    }
}
