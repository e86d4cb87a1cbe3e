package io.tealdb.jdbc;

import io.tealdb.types.LogicalType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;

/**
 * A LIST/ARRAY value as {@link java.sql.Array}: the elements already converted to their Java
 * objects (the same ones {@code getObject} gives), detached from the result set.
 */
final class TealArray implements java.sql.Array {
    private final LogicalType elementType;
    private List<?> elements;

    TealArray(LogicalType elementType, List<?> elements) {
        this.elementType = elementType;
        this.elements = elements;
    }

    private List<?> elements() throws SQLException {
        if (elements == null) throw new SQLException("Array was freed");
        return elements;
    }

    @Override
    public String getBaseTypeName() {
        return JdbcTypes.typeName(elementType);
    }

    @Override
    public int getBaseType() {
        return JdbcTypes.sqlType(elementType);
    }

    @Override
    public Object getArray() throws SQLException {
        return elements().toArray();
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        return getArray();
    }

    /** Elements {@code [index, index + count)}, 1-based as JDBC specifies. */
    @Override
    public Object getArray(long index, int count) throws SQLException {
        List<?> e = elements();
        if (index < 1 || count < 0 || index - 1 + count > e.size()) {
            throw new SQLException("Array slice [" + index + ", " + (index + count) + ") out of range for " + e.size() + " elements");
        }
        return e.subList((int) index - 1, (int) index - 1 + count).toArray();
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getArray(index, count);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        throw new SQLFeatureNotSupportedException("Array.getResultSet is not supported: use getArray()");
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getResultSet();
    }

    @Override
    public void free() {
        elements = null;
    }

    @Override
    public String toString() {
        return String.valueOf(elements);
    }
}
