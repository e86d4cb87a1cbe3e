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
    MAP;

    /** LIST, ARRAY, STRUCT and MAP: types with child types, held in child vectors. */
    public boolean isNested() {
        return this == LIST || this == ARRAY || this == STRUCT || this == MAP;
    }

    /** LIST, ARRAY and MAP: laid out as per-row offsets/lengths into one child vector. */
    public boolean isListLike() {
        return this == LIST || this == ARRAY || this == MAP;
    }

    public boolean isInteger() {
        return switch (this) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT -> true;
            default -> false;
        };
    }

    public boolean isNumeric() {
        return isInteger() || this == FLOAT || this == DOUBLE || this == DECIMAL;
    }

    public boolean isTemporal() {
        return this == DATE || this == TIME || this == TIMESTAMP;
    }
}
