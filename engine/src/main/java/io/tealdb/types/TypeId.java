package io.tealdb.types;

/** The logical SQL type families TealDB knows. Parameters (precision/scale) live in {@link LogicalType}. */
public enum TypeId {
    /** Type of an untyped NULL literal; implicitly castable to anything. */
    SQLNULL,
    BOOLEAN,
    TINYINT,
    SMALLINT,
    INTEGER,
    BIGINT,
    HUGEINT,
    FLOAT,
    DOUBLE,
    DECIMAL,
    VARCHAR,
    BLOB,
    DATE,
    TIME,
    TIMESTAMP,
    INTERVAL,
    /** Variable-length list of one child type: {@code INTEGER[]}. */
    LIST,
    /** Fixed-size list: {@code INTEGER[3]}; the size is the type's {@link LogicalType#arraySize()}. */
    ARRAY,
    /** Named fields, each of its own type: {@code STRUCT(a INTEGER, b VARCHAR)}. */
    STRUCT,
    /** Key/value pairs with unique keys; stored as a LIST of STRUCT(key, value), as in Arrow and DuckDB. */
    MAP,
    // Unsigned integers (appended: the order of the constants above is unchanged). Each is stored in
    // the next wider signed physical type, so every signed kernel (compare, hash, sort, min/max, sum)
    // is exact for them; see LogicalType#physical.
    UTINYINT,
    USMALLINT,
    UINTEGER,
    UBIGINT,
    UHUGEINT,
    /** 128 bits in INT128, stored as DuckDB does (see UuidText): signed order is text order. */
    UUID,
    /** TIMESTAMP WITH TIME ZONE: µs since the epoch in UTC (see TimeZones). */
    TIMESTAMP_TZ,
    /** TIME WITH TIME ZONE: the sort key of (time, offset) in a long (see TimeZones). */
    TIME_TZ,
    /** TIMESTAMP in seconds, milliseconds, nanoseconds since the epoch (no zone). */
    TIMESTAMP_S,
    TIMESTAMP_MS,
    TIMESTAMP_NS,
    /** JSON text: VARCHAR's layout, checked to be JSON when cast from VARCHAR (DuckDB's JSON type). */
    JSON,
    /** ENUM('a', 'b', ...): a code into the type's {@link EnumDictionary} (INT32), ordered by label position. */
    ENUM,
    /** BIT / BITSTRING: VARLEN bytes, one ASCII '0'/'1' per bit (see {@link BitString}), ordered as DuckDB orders them. */
    BIT,
    /** BIGNUM (DuckDB's VARINT): an integer of any size, VARLEN bytes ordered as the numbers (see {@link BigNum}). */
    BIGNUM,
    /**
     * UNION(name type, ...): one of its members per row, laid out as DuckDB lays it out: a STRUCT whose
     * first child is the tag (UTINYINT, the active member's position) and then one child per member,
     * NULL where that member is not the active one (see {@link LogicalType#union}).
     */
    UNION;


    /** LIST, ARRAY, STRUCT, MAP and UNION: types with child types, held in child vectors. */
    public boolean isNested() {
        return this == LIST || this == ARRAY || this == STRUCT || this == MAP || this == UNION;
    }

    /** LIST, ARRAY and MAP: laid out as per-row offsets/lengths into one child vector. */
    public boolean isListLike() {
        return this == LIST || this == ARRAY || this == MAP;
    }

    public boolean isInteger() {
        return switch (this) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT, UHUGEINT -> true;
            default -> false;
        };
    }

    public boolean isUnsigned() {
        return switch (this) {
            case UTINYINT, USMALLINT, UINTEGER, UBIGINT, UHUGEINT -> true;
            default -> false;
        };
    }

    public boolean isNumeric() {
        return isInteger() || this == FLOAT || this == DOUBLE || this == DECIMAL;
    }

    public boolean isTemporal() {
        return this == DATE || this == TIME || this == TIMESTAMP || isTimestamp();
    }

    /** Any TIMESTAMP flavour: µs, with time zone, s, ms, ns. */
    public boolean isTimestamp() {
        return switch (this) {
            case TIMESTAMP, TIMESTAMP_TZ, TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS -> true;
            default -> false;
        };
    }
}
