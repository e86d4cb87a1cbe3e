package io.tealdb.function.scalar;

/**
 * One argument of {@code printf}/{@code format}: its value (Boolean, an integer Number or
 * BigInteger, Float/Double, or String), the bit width of its integer type (for two's complement
 * hex/octal/binary of negative values) and the SQL type name for error messages.
 */
record FormatArg(Object value, int bits, String typeName) {
}
