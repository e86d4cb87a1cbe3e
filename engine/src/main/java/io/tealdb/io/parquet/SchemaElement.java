package io.tealdb.io.parquet;

/**
 * One node of a Parquet schema (parquet.thrift SchemaElement), flattened depth first as in the footer.
 * {@code type} is -1 for groups; {@code logicalType} is the raw LogicalType union (null when absent);
 * {@code raw} tells which optional fields were present (parquet_schema() shows absent ones as NULL).
 */
public record SchemaElement(String name, int type, int typeLength, int repetition, int numChildren, int convertedType,
                            int scale, int precision, int fieldId, ThriftStruct logicalType, ThriftStruct raw) {
    public boolean isGroup() {
        return type < 0;
    }

    static SchemaElement parse(ThriftStruct s) {
        String name = s.string(4);
        if (name == null) throw new ParquetFormatException("schema element without a name");
        return new SchemaElement(name, s.i32(1, -1), s.i32(2, 0), s.i32(3, ParquetEnums.REQUIRED), s.i32(5, 0),
                s.i32(6, -1), s.i32(7, 0), s.i32(8, 0), s.i32(9, -1), s.struct(10), s);
    }
}
