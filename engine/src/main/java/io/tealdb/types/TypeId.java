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
    INTERVAL;

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
