package io.tealdb.types;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A SQL type: a {@link TypeId} plus, for DECIMAL, precision and scale, and for nested types their
 * children (LIST/ARRAY: the element; STRUCT: the fields; MAP: key and value). An ARRAY keeps its
 * fixed size in {@code precision} (see {@link #arraySize()}). Immutable value type; use the constants
 * for parameterless types and the factories ({@link #list}, {@link #struct}, ...) for nested ones.
 *
 * <p>A VARCHAR may carry a collation ({@code nocase}, {@code noaccent}, {@code nfc}, or several joined
 * by dots), as DuckDB's {@code VARCHAR COLLATE x} does: the binder applies it where strings are
 * compared, matched or ordered. A collation is a modifier of the values' meaning, not another type,
 * so {@link #equals}/{@link #hashCode} ignore it (a collated VARCHAR still is a VARCHAR for casts,
 * function overloads, vectors and storage) and {@link #toString} prints plain VARCHAR, as DuckDB's typeof does.
 */
public record LogicalType(TypeId id, int precision, int scale, List<TypeField> children, EnumDictionary dictionary,
                          String collation) {
    public static final int MAX_DECIMAL_PRECISION = 38;
    /** Widest DECIMAL stored in a single long. */
    public static final int MAX_INT64_DECIMAL_PRECISION = 18;

    public static final LogicalType SQLNULL = new LogicalType(TypeId.SQLNULL, 0, 0);
    public static final LogicalType BOOLEAN = new LogicalType(TypeId.BOOLEAN, 0, 0);
    public static final LogicalType TINYINT = new LogicalType(TypeId.TINYINT, 0, 0);
    public static final LogicalType SMALLINT = new LogicalType(TypeId.SMALLINT, 0, 0);
    public static final LogicalType INTEGER = new LogicalType(TypeId.INTEGER, 0, 0);
    public static final LogicalType BIGINT = new LogicalType(TypeId.BIGINT, 0, 0);
    public static final LogicalType HUGEINT = new LogicalType(TypeId.HUGEINT, 0, 0);
    public static final LogicalType FLOAT = new LogicalType(TypeId.FLOAT, 0, 0);
    public static final LogicalType DOUBLE = new LogicalType(TypeId.DOUBLE, 0, 0);
    public static final LogicalType VARCHAR = new LogicalType(TypeId.VARCHAR, 0, 0);
    public static final LogicalType BLOB = new LogicalType(TypeId.BLOB, 0, 0);
    public static final LogicalType DATE = new LogicalType(TypeId.DATE, 0, 0);
    public static final LogicalType TIME = new LogicalType(TypeId.TIME, 0, 0);
    public static final LogicalType TIMESTAMP = new LogicalType(TypeId.TIMESTAMP, 0, 0);
    public static final LogicalType INTERVAL = new LogicalType(TypeId.INTERVAL, 0, 0);
    public static final LogicalType UTINYINT = new LogicalType(TypeId.UTINYINT, 0, 0);
    public static final LogicalType USMALLINT = new LogicalType(TypeId.USMALLINT, 0, 0);
    public static final LogicalType UINTEGER = new LogicalType(TypeId.UINTEGER, 0, 0);
    public static final LogicalType UBIGINT = new LogicalType(TypeId.UBIGINT, 0, 0);
    public static final LogicalType UHUGEINT = new LogicalType(TypeId.UHUGEINT, 0, 0);
    public static final LogicalType UUID = new LogicalType(TypeId.UUID, 0, 0);
    public static final LogicalType TIMESTAMP_TZ = new LogicalType(TypeId.TIMESTAMP_TZ, 0, 0);
    public static final LogicalType TIME_TZ = new LogicalType(TypeId.TIME_TZ, 0, 0);
    public static final LogicalType TIMESTAMP_S = new LogicalType(TypeId.TIMESTAMP_S, 0, 0);
    public static final LogicalType TIMESTAMP_MS = new LogicalType(TypeId.TIMESTAMP_MS, 0, 0);
    public static final LogicalType TIMESTAMP_NS = new LogicalType(TypeId.TIMESTAMP_NS, 0, 0);
    public static final LogicalType JSON = new LogicalType(TypeId.JSON, 0, 0);
    public static final LogicalType BIT = new LogicalType(TypeId.BIT, 0, 0);
    public static final LogicalType BIGNUM = new LogicalType(TypeId.BIGNUM, 0, 0);

    public LogicalType(TypeId id, int precision, int scale) {
        this(id, precision, scale, List.of());
    }

    public LogicalType(TypeId id, int precision, int scale, List<TypeField> children) {
        this(id, precision, scale, children, null);
    }

    public LogicalType(TypeId id, int precision, int scale, List<TypeField> children, EnumDictionary dictionary) {
        this(id, precision, scale, children, dictionary, null);
    }

    /** This VARCHAR with {@code collation} (lower case, dot-separated parts), or without one for null. */
    public LogicalType withCollation(String collation) {
        if (java.util.Objects.equals(collation, this.collation)) return this;
        return new LogicalType(id, precision, scale, children, dictionary, collation);
    }

    /** True when the collation is part of equality: two types are the same and collate alike. */
    public boolean sameCollation(LogicalType other) {
        return java.util.Objects.equals(collation, other.collation);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof LogicalType t && id == t.id && precision == t.precision && scale == t.scale
                && children.equals(t.children) && Objects.equals(dictionary, t.dictionary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, precision, scale, children, dictionary);
    }

    public LogicalType {
        Objects.requireNonNull(id, "id");
        children = List.copyOf(children);
        if (collation != null && id != TypeId.VARCHAR) {
            throw new IllegalArgumentException(id + " takes no collation");
        }
        if ((id == TypeId.ENUM) != (dictionary != null)) {
            throw new IllegalArgumentException(id == TypeId.ENUM ? "ENUM needs its values" : id + " takes no enum values");
        }
        if (id.isNested() != !children.isEmpty() && !(id == TypeId.STRUCT && children.isEmpty())) {
            throw new IllegalArgumentException(id + (id.isNested() ? " needs child types" : " takes no child types"));
        }
        if (id == TypeId.UNION && (children.size() < 2 || children.size() > MAX_UNION_MEMBERS + 1
                || !children.get(0).type().equals(UTINYINT))) {
            throw new IllegalArgumentException("UNION needs its UTINYINT tag and 1 to " + MAX_UNION_MEMBERS + " members");
        }
        if (id == TypeId.ARRAY) {
            if (precision < 1) throw new IllegalArgumentException("ARRAY size must be positive, got " + precision);
        } else if (id == TypeId.DECIMAL) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
                throw new IllegalArgumentException("DECIMAL precision must be between 1 and 38, got " + precision);
            }
            if (scale < 0 || scale > precision) {
                throw new IllegalArgumentException("DECIMAL scale must be between 0 and precision " + precision + ", got " + scale);
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException(id + " takes no precision/scale");
        }
    }

    public static LogicalType decimal(int precision, int scale) {
        return new LogicalType(TypeId.DECIMAL, precision, scale);
    }

    /** {@code element[]}. */
    public static LogicalType list(LogicalType element) {
        return new LogicalType(TypeId.LIST, 0, 0, List.of(new TypeField("", element)));
    }

    /** {@code element[size]}. */
    public static LogicalType array(LogicalType element, int size) {
        return new LogicalType(TypeId.ARRAY, size, 0, List.of(new TypeField("", element)));
    }

    /** {@code STRUCT(name type, ...)}. */
    public static LogicalType struct(List<TypeField> fields) {
        return new LogicalType(TypeId.STRUCT, 0, 0, fields);
    }

    /** {@code MAP(key, value)}. */
    public static LogicalType map(LogicalType key, LogicalType value) {
        return new LogicalType(TypeId.MAP, 0, 0, List.of(new TypeField("key", key), new TypeField("value", value)));
    }

    /** Bound on a UNION's members (its tag is a UTINYINT): DuckDB takes fewer than 256. */
    public static final int MAX_UNION_MEMBERS = 256;

    /**
     * {@code UNION(name type, ...)}: the children are the tag ({@code ""}, UTINYINT) and then the
     * members, so that the physical layout, and every STRUCT primitive (copy, gather, hash, compare,
     * serialize), is the STRUCT one: DuckDB's layout.
     */
    public static LogicalType union(List<TypeField> members) {
        if (members.isEmpty() || members.size() > MAX_UNION_MEMBERS) {
            throw new IllegalArgumentException("UNION needs 1 to " + MAX_UNION_MEMBERS + " members, got " + members.size());
        }
        java.util.ArrayList<TypeField> children = new java.util.ArrayList<>(members.size() + 1);
        children.add(new TypeField("", UTINYINT));
        children.addAll(members);
        return new LogicalType(TypeId.UNION, 0, 0, children);
    }

    /** A UNION's member count (its children less the tag). */
    public int unionMemberCount() {
        return children.size() - 1;
    }

    /** A UNION's member {@code k} (0-based; its vector is child {@code k + 1}). */
    public TypeField unionMember(int k) {
        return children.get(k + 1);
    }

    /** A UNION's members, in order. */
    public List<TypeField> unionMembers() {
        return children.subList(1, children.size());
    }

    /** The position of the UNION member named {@code name} (case-insensitive), or -1. */
    public int unionMemberIndex(String name) {
        for (int k = 0; k < unionMemberCount(); k++) {
            if (unionMember(k).name().equalsIgnoreCase(name)) return k;
        }
        return -1;
    }

    /** {@code ENUM('a', 'b', ...)}: the labels in order (duplicates are an error). */
    public static LogicalType enumType(List<String> labels) {
        return new LogicalType(TypeId.ENUM, 0, 0, List.of(), new EnumDictionary(labels));
    }

    public boolean isNested() {
        return id.isNested();
    }

    /** The element type of a LIST or ARRAY; for a MAP its entry type STRUCT(key, value). */
    public LogicalType childType() {
        return switch (id) {
            case LIST, ARRAY -> children.get(0).type();
            case MAP -> struct(children);
            default -> throw new IllegalStateException(this + " has no element type");
        };
    }

    /** The fixed size of an ARRAY. */
    public int arraySize() {
        if (id != TypeId.ARRAY) throw new IllegalStateException(this + " is not an ARRAY");
        return precision;
    }

    public LogicalType mapKey() {
        return children.get(0).type();
    }

    public LogicalType mapValue() {
        return children.get(1).type();
    }

    public PhysicalType physical() {
        return switch (id) {
            case SQLNULL, BOOLEAN -> PhysicalType.BOOL;
            case TINYINT -> PhysicalType.INT8;
            case SMALLINT -> PhysicalType.INT16;
            case INTEGER, DATE -> PhysicalType.INT32;
            case BIGINT, TIME, TIMESTAMP -> PhysicalType.INT64;
            case HUGEINT -> PhysicalType.INT128;
            case DECIMAL -> precision <= MAX_INT64_DECIMAL_PRECISION ? PhysicalType.INT64 : PhysicalType.INT128;
            case FLOAT -> PhysicalType.FLOAT;
            case DOUBLE -> PhysicalType.DOUBLE;
            case VARCHAR, BLOB, JSON, BIT, BIGNUM -> PhysicalType.VARLEN;
            case INTERVAL -> PhysicalType.INTERVAL;
            // unsigned: the next wider signed layout holds every value, so signed kernels stay exact
            case UTINYINT -> PhysicalType.INT16;
            case USMALLINT -> PhysicalType.INT32;
            case UINTEGER -> PhysicalType.INT64;
            case UBIGINT -> PhysicalType.INT128;
            // UHUGEINT: INT128 holding value - 2^127 (top bit flipped), so signed order is unsigned order
            case UHUGEINT -> PhysicalType.INT128;
            // UUID: the same biased layout as UHUGEINT (so UUID <-> UHUGEINT casts copy)
            case UUID -> PhysicalType.INT128;
            case TIMESTAMP_TZ, TIME_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> PhysicalType.INT64;
            case LIST, ARRAY, MAP -> PhysicalType.LIST;
            case STRUCT, UNION -> PhysicalType.STRUCT;
            // ENUM: the label's position; one width for every dictionary size keeps one code path
            // (DuckDB picks UINT8/16/32 by size; storage bit-packs the codes anyway)
            case ENUM -> PhysicalType.INT32;
        };
    }

    public boolean isNumeric() {
        return id.isNumeric();
    }

    public boolean isInteger() {
        return id.isInteger();
    }

    /** SQL spelling as DuckDB prints it, e.g. {@code DECIMAL(15,2)}. */
    @Override
    public String toString() {
        return switch (id) {
            case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
            case SQLNULL -> "\"NULL\"";
            case TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE";
            case TIME_TZ -> "TIME WITH TIME ZONE";
            case LIST -> children.get(0).type() + "[]";
            case ARRAY -> children.get(0).type() + "[" + precision + "]";
            case MAP -> "MAP(" + mapKey() + ", " + mapValue() + ")";
            case ENUM -> dictionary.toString();
            case UNION -> {
                StringBuilder sb = new StringBuilder("UNION(");
                for (int k = 0; k < unionMemberCount(); k++) {
                    if (k > 0) sb.append(", ");
                    sb.append(quoteIdentifier(unionMember(k).name())).append(' ').append(unionMember(k).type());
                }
                yield sb.append(')').toString();
            }
            case STRUCT -> {
                StringBuilder sb = new StringBuilder("STRUCT(");
                for (int i = 0; i < children.size(); i++) {
                    if (i > 0) sb.append(", ");
                    // row(...) makes unnamed fields: STRUCT(INTEGER, VARCHAR)
                    if (!children.get(i).name().isEmpty()) sb.append(quoteIdentifier(children.get(i).name())).append(' ');
                    sb.append(children.get(i).type());
                }
                yield sb.append(')').toString();
            }
            default -> id.name();
        };
    }

    /** A field name as DuckDB prints it inside a type: bare when a plain lower-case identifier, else double-quoted. */
    static String quoteIdentifier(String name) {
        boolean plain = !name.isEmpty() && !Character.isDigit(name.charAt(0));
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        if (plain && !RESERVED.contains(name.toLowerCase(Locale.ROOT))) return name;
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static final java.util.Set<String> RESERVED = java.util.Set.of("select", "from", "where", "group", "order",
            "by", "as", "and", "or", "not", "null", "table", "union", "case", "when", "then", "else", "end", "in", "is",
            "limit", "offset", "having", "join", "on", "create", "default", "all", "distinct", "true", "false", "with",
            "to", "primary", "check", "unique", "references", "array", "cast", "collate", "column", "constraint",
            "desc", "asc", "for", "foreign", "into", "lateral", "leading", "trailing", "only", "some", "any", "user",
            "both", "current_date", "current_time", "current_timestamp", "do", "except", "intersect", "fetch", "grant",
            "returning", "using", "variadic", "window", "analyse", "analyze", "placing", "symmetric", "initially", "deferrable",
            "key", "value", "type", "name", "year", "month", "day", "hour", "minute", "second");
}
