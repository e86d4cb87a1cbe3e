package io.tealdb.jdbc;

import io.tealdb.types.LogicalType;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;

/** Parameter types as the binder inferred them. */
final class TealParameterMetaData implements ParameterMetaData {
    private final List<LogicalType> types;

    TealParameterMetaData(List<LogicalType> types) {
        this.types = List.copyOf(types);
    }

    private LogicalType type(int i) throws SQLException {
        if (i < 1 || i > types.size()) {
            throw new SQLException("parameter index " + i + " out of range 1.." + types.size(), "07009");
        }
        return types.get(i - 1);
    }

    @Override
    public int getParameterCount() {
        return types.size();
    }

    @Override
    public int isNullable(int i) throws SQLException {
        type(i);
        return parameterNullableUnknown;
    }

    @Override
    public boolean isSigned(int i) throws SQLException {
        return JdbcTypes.signed(type(i));
    }

    @Override
    public int getPrecision(int i) throws SQLException {
        return JdbcTypes.precision(type(i));
    }

    @Override
    public int getScale(int i) throws SQLException {
        return JdbcTypes.scale(type(i));
    }

    @Override
    public int getParameterType(int i) throws SQLException {
        return JdbcTypes.sqlType(type(i));
    }

    @Override
    public String getParameterTypeName(int i) throws SQLException {
        return JdbcTypes.typeName(type(i));
    }

    @Override
    public String getParameterClassName(int i) throws SQLException {
        return JdbcTypes.className(type(i));
    }

    @Override
    public int getParameterMode(int i) throws SQLException {
        type(i);
        return parameterModeIn;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
