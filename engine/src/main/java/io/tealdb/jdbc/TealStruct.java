package io.tealdb.jdbc;

import io.tealdb.types.LogicalType;

import java.util.Map;

/** A STRUCT value as {@link java.sql.Struct}: its field values (Java objects) in field order. */
final class TealStruct implements java.sql.Struct {
    private final LogicalType type;
    private final Map<String, Object> fields;

    TealStruct(LogicalType type, Map<String, Object> fields) {
        this.type = type;
        this.fields = fields;
    }

    @Override
    public String getSQLTypeName() {
        return JdbcTypes.typeName(type);
    }

    @Override
    public Object[] getAttributes() {
        return fields.values().toArray();
    }

    @Override
    public Object[] getAttributes(Map<String, Class<?>> map) {
        return getAttributes();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
