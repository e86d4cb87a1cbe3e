package io.tealdb.server.clickhouse;

import io.tealdb.types.LogicalType;
import io.tealdb.types.TypeField;
import io.tealdb.types.TypeId;

import java.util.ArrayList;
import java.util.List;

/**
 * A ClickHouse data type as it is spelled on the wire (Native/RowBinary headers, DDL, JSON meta), and
 * its mapping onto TealDB's {@link LogicalType}s both ways.
 */
public sealed interface ChType {
    /** The canonical ClickHouse spelling, e.g. {@code Nullable(String)}, {@code DateTime64(3, 'UTC')}. */
    String name();

    /** The TealDB type that holds the values. */
    LogicalType logical();

    /** Fixed-size scalars and String. */
    enum Kind { UInt8, UInt16, UInt32, UInt64, UInt128, UInt256, Int8, Int16, Int32, Int64, Int128, Int256, Float32, Float64, BFloat16, Bool, String, UUID, Date, Date32, IPv4, IPv6 }

    record Scalar(Kind kind) implements ChType {
        public String name() {
            return kind.name();
        }

        public LogicalType logical() {
            return switch (kind) {
                case UInt8 -> LogicalType.UTINYINT;
                case UInt16 -> LogicalType.USMALLINT;
                case UInt32 -> LogicalType.UINTEGER;
                case UInt64 -> LogicalType.UBIGINT;
                case UInt128 -> LogicalType.UHUGEINT;
                case Int8 -> LogicalType.TINYINT;
                case Int16 -> LogicalType.SMALLINT;
                case Int32 -> LogicalType.INTEGER;
                case Int64 -> LogicalType.BIGINT;
                case Int128 -> LogicalType.HUGEINT;
                // no 256-bit integers or addresses in TealDB: kept exact as their text (the declared type is
                // remembered by ChColumnTypes)
                case Int256, UInt256, IPv4, IPv6 -> LogicalType.VARCHAR;
                case Float32, BFloat16 -> LogicalType.FLOAT;
                case Float64 -> LogicalType.DOUBLE;
                case Bool -> LogicalType.BOOLEAN;
                case String -> LogicalType.VARCHAR;
                case UUID -> LogicalType.UUID;
                case Date, Date32 -> LogicalType.DATE;
            };
        }
    }

    record FixedString(int length) implements ChType {
        public String name() {
            return "FixedString(" + length + ")";
        }

        public LogicalType logical() {
            return LogicalType.BLOB;
        }
    }

    record Decimal(int precision, int scale) implements ChType {
        public String name() {
            return "Decimal(" + precision + ", " + scale + ")";
        }

        public LogicalType logical() {
            if (precision > LogicalType.MAX_DECIMAL_PRECISION) return LogicalType.DOUBLE;
            return LogicalType.decimal(precision, scale);
        }

        /** Bytes of the unscaled integer on the wire. */
        int width() {
            return precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32;
        }
    }

    /** DateTime: UInt32 seconds; zone null when not given. */
    record DateTime(String zone) implements ChType {
        public String name() {
            return zone == null ? "DateTime" : "DateTime('" + zone + "')";
        }

        public LogicalType logical() {
            return zone == null ? LogicalType.TIMESTAMP_S : LogicalType.TIMESTAMP_TZ;
        }
    }

    /** DateTime64(p): Int64 ticks of 10^-p seconds. */
    record DateTime64(int precision, String zone) implements ChType {
        public String name() {
            return zone == null ? "DateTime64(" + precision + ")" : "DateTime64(" + precision + ", '" + zone + "')";
        }

        public LogicalType logical() {
            // TealDB's TIMESTAMPTZ holds microseconds: finer zoned ticks are kept as UTC nanoseconds, the zone
            // staying in the column's declared ClickHouse type (ChColumnTypes)
            if (zone != null) return precision > 6 ? LogicalType.TIMESTAMP_NS : LogicalType.TIMESTAMP_TZ;
            return precision == 0 ? LogicalType.TIMESTAMP_S : precision <= 3 ? LogicalType.TIMESTAMP_MS
                    : precision <= 6 ? LogicalType.TIMESTAMP : LogicalType.TIMESTAMP_NS;
        }
    }

    /**
     * Enum8/Enum16, its elements in value order as ClickHouse keeps them (so its name is canonical). TealDB
     * stores it as an ENUM of the labels in that order: code i is the i-th value, and ENUM order is
     * ClickHouse's enum order.
     */
    record Enum(int bits, List<String> names, List<Integer> values) implements ChType {
        public Enum {
            Integer[] order = new Integer[names.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, java.util.Comparator.comparingInt(values::get));
            List<String> n = new ArrayList<>();
            List<Integer> v = new ArrayList<>();
            for (int i : order) {
                n.add(names.get(i));
                v.add(values.get(i));
            }
            names = List.copyOf(n);
            values = List.copyOf(v);
        }

        public String name() {
            StringBuilder sb = new StringBuilder("Enum").append(bits).append('(');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) sb.append(", ");
                ChText.quote(sb, names.get(i));
                sb.append(" = ").append(values.get(i));
            }
            return sb.append(')').toString();
        }

        public LogicalType logical() {
            return LogicalType.enumType(names);
        }

        /** The TealDB code (position) of a ClickHouse enum value. */
        int position(int code) {
            int i = values.indexOf(code);
            if (i < 0) throw ChException.badData("Unexpected value " + code + " in enum " + name());
            return i;
        }

        String label(int code) {
            return names.get(position(code));
        }

        int code(String label) {
            int i = names.indexOf(label);
            if (i < 0) throw new ChException(36, "BAD_ARGUMENTS", "Unknown element '" + label + "' for enum " + name());
            return values.get(i);
        }
    }

    record Nullable(ChType inner) implements ChType {
        public String name() {
            return "Nullable(" + inner.name() + ")";
        }

        public LogicalType logical() {
            return inner.logical();
        }
    }

    record LowCardinality(ChType inner) implements ChType {
        public String name() {
            return "LowCardinality(" + inner.name() + ")";
        }

        public LogicalType logical() {
            return inner.logical();
        }
    }

    record Array(ChType element) implements ChType {
        public String name() {
            return "Array(" + element.name() + ")";
        }

        public LogicalType logical() {
            return LogicalType.list(element.logical());
        }
    }

    record Map(ChType key, ChType value) implements ChType {
        public String name() {
            return "Map(" + key.name() + ", " + value.name() + ")";
        }

        public LogicalType logical() {
            return LogicalType.map(key.logical(), value.logical());
        }
    }

    /** names null: an unnamed tuple (TealDB names its fields 1, 2, …). */
    record Tuple(List<String> names, List<ChType> elements) implements ChType {
        public String name() {
            StringBuilder sb = new StringBuilder("Tuple(");
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) sb.append(", ");
                if (names != null) sb.append(ChText.identifier(names.get(i))).append(' ');
                sb.append(elements.get(i).name());
            }
            return sb.append(')').toString();
        }

        public LogicalType logical() {
            List<TypeField> fields = new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                fields.add(new TypeField(names != null ? names.get(i) : Integer.toString(i + 1), elements.get(i).logical()));
            }
            return LogicalType.struct(fields);
        }
    }

    /** The type of NULL literals; only ever inside Nullable. */
    record Nothing() implements ChType {
        public String name() {
            return "Nothing";
        }

        public LogicalType logical() {
            return LogicalType.SQLNULL;
        }
    }

    /** Values TealDB has but ClickHouse does not (TIME, INTERVAL, …): sent as their text. */
    record AsText(LogicalType logical) implements ChType {
        public String name() {
            return "String";
        }
    }

    static ChType nullable(ChType t, boolean nullable) {
        if (!nullable || t instanceof Nullable || t instanceof Array || t instanceof Map || t instanceof Tuple
                || t instanceof LowCardinality) {
            return t;
        }
        return new Nullable(t);
    }

    /** Strips Nullable and LowCardinality. */
    static ChType base(ChType t) {
        while (true) {
            if (t instanceof Nullable n) t = n.inner();
            else if (t instanceof LowCardinality l) t = l.inner();
            else return t;
        }
    }

    /** How a TealDB type is reported to ClickHouse clients (nullability decided by the caller). */
    static ChType of(LogicalType t) {
        return switch (t.id()) {
            case SQLNULL -> new Nothing();
            case BOOLEAN -> new Scalar(Kind.Bool);
            case TINYINT -> new Scalar(Kind.Int8);
            case SMALLINT -> new Scalar(Kind.Int16);
            case INTEGER -> new Scalar(Kind.Int32);
            case BIGINT -> new Scalar(Kind.Int64);
            case HUGEINT -> new Scalar(Kind.Int128);
            case UTINYINT -> new Scalar(Kind.UInt8);
            case USMALLINT -> new Scalar(Kind.UInt16);
            case UINTEGER -> new Scalar(Kind.UInt32);
            case UBIGINT -> new Scalar(Kind.UInt64);
            case UHUGEINT -> new Scalar(Kind.UInt128);
            case FLOAT -> new Scalar(Kind.Float32);
            case DOUBLE -> new Scalar(Kind.Float64);
            case DECIMAL -> new Decimal(t.precision(), t.scale());
            case VARCHAR, BLOB, JSON, BIT -> new Scalar(Kind.String); // BIT: its 0/1 text
            case UUID -> new Scalar(Kind.UUID);
            case DATE -> new Scalar(Kind.Date32);
            case TIMESTAMP_S -> new DateTime(null);
            case TIMESTAMP_MS -> new DateTime64(3, null);
            case TIMESTAMP -> new DateTime64(6, null);
            case TIMESTAMP_NS -> new DateTime64(9, null);
            case TIMESTAMP_TZ -> new DateTime64(6, "UTC");
            case LIST, ARRAY -> new Array(of(t.childType()));
            case MAP -> new Map(of(t.mapKey()), of(t.mapValue()));
            case STRUCT -> {
                List<String> names = new ArrayList<>();
                List<ChType> types = new ArrayList<>();
                for (TypeField f : t.children()) {
                    names.add(f.name());
                    types.add(of(f.type()));
                }
                yield new Tuple(names, types);
            }
            case ENUM -> {
                // TealDB's codes are label positions; ClickHouse numbers an enum without explicit values from 1
                List<String> labels = t.dictionary().labels();
                List<Integer> values = new ArrayList<>();
                for (int i = 0; i < labels.size(); i++) values.add(i + 1);
                yield new Enum(labels.size() > 127 ? 16 : 8, labels, values);
            }
            // UNION: its text (the active member's, as DuckDB's cast to VARCHAR gives it)
            case TIME, TIME_TZ, INTERVAL, BIGNUM, UNION -> new AsText(t);
        };
    }

    /** The SQL spelling of a TealDB type, for DDL and CASTs sent to the engine. */
    static String sql(LogicalType t) {
        return switch (t.id()) {
            case SQLNULL -> "INTEGER";
            case DECIMAL -> "DECIMAL(" + t.precision() + "," + t.scale() + ")";
            case LIST -> sql(t.childType()) + "[]";
            case ARRAY -> sql(t.childType()) + "[" + t.arraySize() + "]";
            case MAP -> "MAP(" + sql(t.mapKey()) + ", " + sql(t.mapValue()) + ")";
            case STRUCT -> {
                StringBuilder sb = new StringBuilder("STRUCT(");
                for (int i = 0; i < t.children().size(); i++) {
                    if (i > 0) sb.append(", ");
                    TypeField f = t.children().get(i);
                    sb.append('"').append(f.name().replace("\"", "\"\"")).append("\" ").append(sql(f.type()));
                }
                yield sb.append(')').toString();
            }
            case TIMESTAMP_TZ -> "TIMESTAMPTZ";
            case TIME_TZ -> "TIMETZ";
            case UNION -> t.toString();
            case ENUM -> {
                StringBuilder sb = new StringBuilder("ENUM(");
                List<String> labels = t.dictionary().labels();
                for (int i = 0; i < labels.size(); i++) {
                    if (i > 0) sb.append(", ");
                    sb.append('\'').append(labels.get(i).replace("'", "''")).append('\'');
                }
                yield sb.append(')').toString();
            }
            default -> t.id().name();
        };
    }

    static boolean isTypeName(String word) {
        return ChTypeParser.isTypeName(word);
    }

    static ChType parse(String text) {
        return ChTypeParser.parse(text);
    }

    /** Removes LowCardinality at every level: result blocks are sent as the plain type (ClickHouse's
     *  {@code low_cardinality_allow_in_native_format = 0}), which every client reads. */
    static ChType withoutLowCardinality(ChType t) {
        return switch (t) {
            case LowCardinality l -> withoutLowCardinality(l.inner());
            case Nullable n -> new Nullable(withoutLowCardinality(n.inner()));
            case Array a -> new Array(withoutLowCardinality(a.element()));
            case Map m -> new Map(withoutLowCardinality(m.key()), withoutLowCardinality(m.value()));
            case Tuple tu -> new Tuple(tu.names(), tu.elements().stream().map(ChType::withoutLowCardinality).toList());
            default -> t;
        };
    }

    /** A TealDB id that has a ClickHouse name differing only by nullability. */
    static boolean sameStorage(ChType t, LogicalType l) {
        return base(t).logical().equals(l) || (l.id() == TypeId.BLOB && base(t).logical().id() == TypeId.VARCHAR);
    }
}
