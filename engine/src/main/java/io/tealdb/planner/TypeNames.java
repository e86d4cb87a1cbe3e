package io.tealdb.planner;

import io.tealdb.error.BinderException;
import io.tealdb.error.CatalogException;
import io.tealdb.error.NotImplementedException;
import io.tealdb.parser.ParserException;
import io.tealdb.parser.ast.Expr;
import io.tealdb.parser.ast.IntegerLiteral;
import io.tealdb.parser.ast.TypeName;
import io.tealdb.types.LogicalType;

import io.tealdb.parser.ast.TypeField;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Maps written type names (with DuckDB's aliases) to logical types. */
public final class TypeNames {
    private TypeNames() {
    }

    /** Default DECIMAL width when written without modifiers, as in DuckDB. */
    public static final LogicalType DEFAULT_DECIMAL = LogicalType.decimal(18, 3);

    /** Resolves a built-in type name; user type aliases are not visible (see {@link #resolve(TypeName, UserTypes)}). */
    public static LogicalType resolve(TypeName type) {
        return resolve(type, UserTypes.NONE);
    }

    /**
     * Resolves a written type: a built-in name, else a user type alias from {@code userTypes}
     * (possibly schema-qualified, {@code s.name} or {@code catalog.s.name}).
     */
    public static LogicalType resolve(TypeName type, UserTypes userTypes) {
        if (!type.arrayDims().isEmpty()) {
            // INTEGER[][3]: the innermost suffix comes first
            LogicalType t = resolve(new TypeName(type.name(), type.modifiers(), type.children(), List.of(), type.pos()), userTypes);
            for (int dim : type.arrayDims()) {
                if (dim == 0) throw new BinderException("Arrays must have a size of at least 1", type.pos());
                t = dim < 0 ? LogicalType.list(t) : LogicalType.array(t, dim);
            }
            return t;
        }
        String name = type.name().toUpperCase(Locale.ROOT);
        // PostgreSQL clients qualify built-in types: ::pg_catalog.text
        if (name.startsWith("PG_CATALOG.")) name = name.substring("PG_CATALOG.".length());
        if (!type.children().isEmpty() || name.equals("STRUCT") || name.equals("ROW") || name.equals("MAP") || name.equals("LIST")
                || name.equals("UNION")) {
            return nested(name, type, userTypes);
        }
        LogicalType simple = simple(name);
        if (simple != null) {
            // VARCHAR(10), CHAR(n), TIMESTAMP(3) ...: DuckDB ignores these modifiers.
            return simple;
        }
        switch (name) {
            case "DECIMAL", "NUMERIC", "DEC" -> {
                if (type.modifiers().isEmpty()) return DEFAULT_DECIMAL;
                int precision = modifier(type, 0);
                int scale = type.modifiers().size() > 1 ? modifier(type, 1) : 0;
                if (precision < 1 || precision > LogicalType.MAX_DECIMAL_PRECISION) {
                    throw new BinderException("Width must be between 1 and 38!", type.pos());
                }
                if (scale > precision) {
                    throw new BinderException("Scale cannot be bigger than width", type.pos());
                }
                return LogicalType.decimal(precision, scale);
            }
            case "FLOAT" -> {
                if (type.modifiers().isEmpty()) return LogicalType.FLOAT;
                return modifier(type, 0) <= 24 ? LogicalType.FLOAT : LogicalType.DOUBLE;
            }
            case "ENUM" -> {
                return enumType(type);
            }
            default -> {
            }
        }
        if (isUnsupported(name)) {
            throw new NotImplementedException("type " + name + " is not supported yet", type.pos());
        }
        String[] parts = type.name().split("\\.");
        String alias = parts[parts.length - 1];
        LogicalType user = userTypes.find(parts.length > 1 ? parts[parts.length - 2] : null, alias);
        if (user != null) {
            return user;
        }
        // as in DuckDB, a qualified name is reported without its schema
        throw new CatalogException("Type with name " + alias + " does not exist!", type.pos());
    }

    private static LogicalType nested(String name, TypeName type, UserTypes userTypes) {
        List<TypeField> children = type.children();
        switch (name) {
            case "STRUCT", "ROW" -> {
                List<io.tealdb.types.TypeField> fields = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (TypeField f : children) {
                    if (f.name() == null) throw new BinderException("STRUCT fields need a name", f.pos());
                    String field = f.name().text();
                    if (!seen.add(field.toLowerCase(Locale.ROOT))) throw new BinderException("Duplicate struct entry name \"" + field + "\"", f.pos());
                    fields.add(new io.tealdb.types.TypeField(field, resolve(f.type(), userTypes)));
                }
                if (fields.isEmpty()) throw new BinderException("Empty STRUCT types are not supported", type.pos());
                return LogicalType.struct(fields);
            }
            case "MAP" -> {
                if (children.size() != 2) throw new BinderException("MAP type needs exactly two entries, key and value type", type.pos());
                return LogicalType.map(resolve(children.get(0).type(), userTypes), resolve(children.get(1).type(), userTypes));
            }
            case "UNION" -> {
                // DuckDB's rules: named members, unique names (case-insensitive), at most 255 of them
                if (children.isEmpty()) throw new ParserException("syntax error at or near \"UNION\"", type.pos());
                if (children.size() >= LogicalType.MAX_UNION_MEMBERS) {
                    throw new BinderException("UNION type supports at most " + (LogicalType.MAX_UNION_MEMBERS - 1) + " type modifiers", type.pos());
                }
                List<io.tealdb.types.TypeField> members = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (TypeField f : children) {
                    if (f.name() == null) throw new ParserException("syntax error at or near \",\"", f.pos());
                    String member = f.name().text();
                    if (!seen.add(member.toLowerCase(Locale.ROOT))) {
                        throw new BinderException("Duplicate type parameter " + member + " for type \"UNION\"", f.pos());
                    }
                    members.add(new io.tealdb.types.TypeField(member, resolve(f.type(), userTypes)));
                }
                return LogicalType.union(members);
            }
            case "LIST" -> {
                if (children.size() != 1) throw new BinderException("LIST needs a single type as its argument", type.pos());
                return LogicalType.list(resolve(children.get(0).type(), userTypes));
            }
            default -> throw new NotImplementedException("type " + name + " is not supported yet", type.pos());
        }
    }

    /**
     * True when {@code name} is a built-in type name (including ones TealDB does not support yet), which
     * CREATE TYPE cannot take: DuckDB reports those as already existing.
     */
    public static boolean isBuiltin(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return simple(upper) != null || isUnsupported(upper) || switch (upper) {
            case "DECIMAL", "NUMERIC", "DEC", "FLOAT", "ENUM", "UNION" -> true;
            default -> false;
        };
    }

    /** Resolves a type given as plain text, e.g. from the catalog ("INTEGER", "DECIMAL(10,2)"). */
    public static LogicalType parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        int paren = t.indexOf('(');
        if (paren > 0 && t.endsWith(")")) {
            String base = t.substring(0, paren).trim();
            String[] args = t.substring(paren + 1, t.length() - 1).split(",");
            if (base.equals("DECIMAL") || base.equals("NUMERIC")) {
                int p = Integer.parseInt(args[0].trim());
                int s = args.length > 1 ? Integer.parseInt(args[1].trim()) : 0;
                return LogicalType.decimal(p, s);
            }
            t = base;
        }
        LogicalType simple = simple(t);
        if (simple == null) {
            if (t.equals("DECIMAL") || t.equals("NUMERIC")) return DEFAULT_DECIMAL;
            throw new CatalogException("Type with name " + text + " does not exist!");
        }
        return simple;
    }

    private static LogicalType simple(String name) {
        return switch (name) {
            case "BOOLEAN", "BOOL", "LOGICAL" -> LogicalType.BOOLEAN;
            case "TINYINT", "INT1" -> LogicalType.TINYINT;
            case "SMALLINT", "INT2", "INT16", "SHORT" -> LogicalType.SMALLINT;
            case "INTEGER", "INT", "INT4", "INT32", "SIGNED", "INTEGRAL" -> LogicalType.INTEGER;
            case "BIGINT", "INT8", "INT64", "LONG" -> LogicalType.BIGINT;
            case "OID" -> LogicalType.UINTEGER; // PostgreSQL's oid is an unsigned 32-bit integer
            case "HUGEINT", "INT128" -> LogicalType.HUGEINT;
            case "UTINYINT", "UINT8" -> LogicalType.UTINYINT;
            case "USMALLINT", "UINT16" -> LogicalType.USMALLINT;
            case "UINTEGER", "UINT32" -> LogicalType.UINTEGER;
            case "UBIGINT", "UINT64" -> LogicalType.UBIGINT;
            case "UHUGEINT", "UINT128" -> LogicalType.UHUGEINT;
            case "UUID", "GUID" -> LogicalType.UUID;
            case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE" -> LogicalType.TIMESTAMP_TZ;
            case "TIMETZ", "TIME WITH TIME ZONE" -> LogicalType.TIME_TZ;
            case "TIMESTAMP_S" -> LogicalType.TIMESTAMP_S;
            case "TIMESTAMP_MS" -> LogicalType.TIMESTAMP_MS;
            case "TIMESTAMP_NS" -> LogicalType.TIMESTAMP_NS;
            case "REAL", "FLOAT4" -> LogicalType.FLOAT;
            case "DOUBLE", "FLOAT8", "DOUBLE PRECISION" -> LogicalType.DOUBLE;
            case "VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR", "NVARCHAR", "CHARACTER", "CHARACTER VARYING", "CHAR VARYING" ->
                    LogicalType.VARCHAR;
            case "BLOB", "BYTEA", "BINARY", "VARBINARY" -> LogicalType.BLOB;
            case "DATE" -> LogicalType.DATE;
            case "TIME", "TIME WITHOUT TIME ZONE" -> LogicalType.TIME;
            case "TIMESTAMP", "DATETIME", "TIMESTAMP WITHOUT TIME ZONE", "TIMESTAMP_US" -> LogicalType.TIMESTAMP;
            case "INTERVAL" -> LogicalType.INTERVAL;
            case "NAME", "PG_NODE_TREE", "INT2VECTOR", "OIDVECTOR", "REGPROC" -> LogicalType.VARCHAR; // PostgreSQL catalog types
            case "NULL" -> LogicalType.SQLNULL;
            case "JSON" -> LogicalType.JSON;
            case "BIT", "BITSTRING" -> LogicalType.BIT;
            case "BIGNUM", "VARINT" -> LogicalType.BIGNUM;
            default -> null;
        };
    }

    private static boolean isUnsupported(String name) {
        return switch (name) {
            case "LIST", "STRUCT", "MAP",
                 "ROW", "TUPLE", "ARRAY", "VARIANT", "GEOMETRY", "TIME_NS",
                 "TIMESTAMPTZ_NS", "TYPE" -> true;
            default -> false;
        };
    }

    /** {@code ENUM('a', 'b')}: string constants, no NULLs, no duplicates (DuckDB's errors). */
    private static LogicalType enumType(TypeName type) {
        List<String> labels = new ArrayList<>(type.modifiers().size());
        for (int i = 0; i < type.modifiers().size(); i++) {
            Expr e = type.modifiers().get(i);
            if (e instanceof io.tealdb.parser.ast.NullLiteral) {
                throw new BinderException("Type parameter " + (i + 1) + " for type \"ENUM\" cannot be NULL", e.pos());
            }
            if (!(e instanceof io.tealdb.parser.ast.StringLiteral str)) {
                throw new BinderException("ENUM type requires a set of strings as type modifiers", e.pos());
            }
            labels.add(str.value());
        }
        try {
            return LogicalType.enumType(labels);
        } catch (IllegalArgumentException ex) {
            throw new io.tealdb.error.InvalidInputException(ex.getMessage(), type.pos());
        }
    }

    private static int modifier(TypeName type, int i) {
        Expr e = type.modifiers().get(i);
        if (e instanceof IntegerLiteral lit && lit.fitsLong()) {
            long v = lit.longValue();
            if (v >= 0 && v <= Integer.MAX_VALUE) return (int) v;
        }
        throw new BinderException("Type modifiers must be integer constants", e.pos());
    }
}
