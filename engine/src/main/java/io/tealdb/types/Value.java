package io.tealdb.types;

import java.util.Objects;

/**
 * One typed SQL value outside of vectors (literals, parameters, single results). Not for hot
 * paths. {@code object} holds the canonical Java form of the physical storage, or null for SQL NULL:
 * <ul>
 * <li>BOOLEAN: Boolean; TINYINT: Byte; SMALLINT: Short; INTEGER: Integer; BIGINT: Long</li>
 * <li>HUGEINT: BigInteger; FLOAT: Float; DOUBLE: Double</li>
 * <li>DECIMAL: BigDecimal with exactly the type's scale</li>
 * <li>VARCHAR: String; BLOB: byte[]</li>
 * <li>DATE: Integer days since 1970-01-01; TIME: Long µs of day; TIMESTAMP: Long µs since epoch</li>
 * <li>INTERVAL: {@link Interval}</li>
 * <li>UTINYINT: Short; USMALLINT: Integer; UINTEGER: Long; UBIGINT, UHUGEINT: BigInteger</li>
 * <li>UUID: java.util.UUID; BIGNUM: BigInteger</li>
 * <li>TIMESTAMP WITH TIME ZONE: Long µs UTC; TIME WITH TIME ZONE: Long (TimeZones' encoding);
 * TIMESTAMP_S/_MS/_NS: Long s/ms/ns since epoch</li>
 * <li>ENUM: String, the label</li>
 * <li>LIST/ARRAY: List of the elements' forms; MAP: List of [key, value] pairs (a Map is accepted as input); STRUCT: List of the field values
 * in field order (a Map by field name is accepted as input)</li>
 * </ul>
 */
public record Value(LogicalType type, Object object) {
    public Value {
        Objects.requireNonNull(type, "type");
    }

    public static Value nullOf(LogicalType type) {
        return new Value(type, null);
    }

    public boolean isNull() {
        return object == null;
    }

    public static Value ofBoolean(boolean b) {
        return new Value(LogicalType.BOOLEAN, b);
    }

    public static Value ofInteger(int v) {
        return new Value(LogicalType.INTEGER, v);
    }

    public static Value ofBigint(long v) {
        return new Value(LogicalType.BIGINT, v);
    }

    public static Value ofDouble(double v) {
        return new Value(LogicalType.DOUBLE, v);
    }

    public static Value ofVarchar(String s) {
        return new Value(LogicalType.VARCHAR, s);
    }

    @Override
    public String toString() {
        return object == null ? "NULL" : object + "::" + type;
    }
}
