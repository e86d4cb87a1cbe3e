package io.tealdb.catalog;

import io.tealdb.types.LogicalType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's built-in types as the PostgreSQL-compatible catalog (pg_type, format_type, ::regtype)
 * and the wire protocol report them: the fixed OIDs clients hard-code, and which engine type maps to
 * which. One table, so the OIDs in RowDescription, pg_attribute and pg_type always agree.
 */
public final class PgTypes {
    /** One pg_type row: {@code elem} is the element type of an array type, {@code array} the array type of a base type. */
    public record PgType(int oid, String name, int len, char category, int elem, int array, String sqlName) {
        public boolean isArray() {
            return elem != 0;
        }
    }

    public static final List<PgType> ALL = new ArrayList<>();
    private static final Map<Integer, PgType> BY_OID = new HashMap<>();
    private static final Map<String, PgType> BY_NAME = new HashMap<>();

    private static void base(int oid, String name, int len, char cat, int array, String sqlName) {
        add(new PgType(oid, name, len, cat, 0, array, sqlName));
        if (array != 0) add(new PgType(array, "_" + name, -1, 'A', oid, 0, sqlName + "[]"));
    }

    private static void add(PgType t) {
        ALL.add(t);
        BY_OID.put(t.oid(), t);
        BY_NAME.put(t.name(), t);
    }

    static {
        base(16, "bool", 1, 'B', 1000, "boolean");
        base(17, "bytea", -1, 'U', 1001, "bytea");
        base(18, "char", 1, 'Z', 1002, "\"char\"");
        base(19, "name", 64, 'S', 1003, "name");
        base(20, "int8", 8, 'N', 1016, "bigint");
        base(21, "int2", 2, 'N', 1005, "smallint");
        base(22, "int2vector", -1, 'A', 1006, "int2vector");
        base(23, "int4", 4, 'N', 1007, "integer");
        base(24, "regproc", 4, 'N', 1008, "regproc");
        base(25, "text", -1, 'S', 1009, "text");
        base(26, "oid", 4, 'N', 1028, "oid");
        base(30, "oidvector", -1, 'A', 1013, "oidvector");
        base(114, "json", -1, 'U', 199, "json");
        base(194, "pg_node_tree", -1, 'Z', 0, "pg_node_tree");
        base(700, "float4", 4, 'N', 1021, "real");
        base(701, "float8", 8, 'N', 1022, "double precision");
        base(705, "unknown", -2, 'X', 0, "unknown");
        base(1033, "aclitem", 12, 'U', 1034, "aclitem");
        base(1042, "bpchar", -1, 'S', 1014, "character");
        base(1043, "varchar", -1, 'S', 1015, "character varying");
        base(1082, "date", 4, 'D', 1182, "date");
        base(1083, "time", 8, 'D', 1183, "time without time zone");
        base(1114, "timestamp", 8, 'D', 1115, "timestamp without time zone");
        base(1184, "timestamptz", 8, 'D', 1185, "timestamp with time zone");
        base(1186, "interval", 16, 'T', 1187, "interval");
        base(1266, "timetz", 12, 'D', 1270, "time with time zone");
        base(1562, "varbit", -1, 'V', 1563, "bit varying");
        base(1700, "numeric", -1, 'N', 1231, "numeric");
        base(2205, "regclass", 4, 'N', 2210, "regclass");
        base(2206, "regtype", 4, 'N', 2211, "regtype");
        base(2249, "record", -1, 'P', 2287, "record");
        base(2950, "uuid", 16, 'U', 2951, "uuid");
        base(3802, "jsonb", -1, 'U', 3807, "jsonb");
        base(4089, "regnamespace", 4, 'N', 4090, "regnamespace");
    }

    private PgTypes() {
    }

    public static PgType byOid(int oid) {
        return BY_OID.get(oid);
    }

    /** A type by its pg_type name or SQL spelling ({@code int4}, {@code integer}, {@code pg_catalog.int4}); null if unknown. */
    public static PgType byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace("\"", "");
        if (n.startsWith("pg_catalog.")) n = n.substring("pg_catalog.".length());
        PgType t = BY_NAME.get(n);
        if (t != null) return t;
        for (PgType p : ALL) if (p.sqlName().replace("\"", "").equals(n)) return p;
        return switch (n) {
            case "int", "integer" -> BY_OID.get(23);
            case "smallint" -> BY_OID.get(21);
            case "bigint" -> BY_OID.get(20);
            case "boolean" -> BY_OID.get(16);
            case "double", "double precision", "float" -> BY_OID.get(701);
            case "real" -> BY_OID.get(700);
            case "decimal" -> BY_OID.get(1700);
            case "varchar", "character varying", "string" -> BY_OID.get(1043);
            case "blob" -> BY_OID.get(17);
            default -> null;
        };
    }

    /** The OID an engine type travels as (numeric for wide integers, text for types PostgreSQL lacks). */
    public static int oidOf(LogicalType t) {
        return switch (t.id().name()) {
            case "BOOLEAN" -> 16;
            case "TINYINT", "SMALLINT", "UTINYINT" -> 21;
            case "INTEGER", "USMALLINT" -> 23;
            case "BIGINT", "UINTEGER" -> 20;
            case "HUGEINT", "UBIGINT", "UHUGEINT", "DECIMAL" -> 1700;
            case "FLOAT" -> 700;
            case "DOUBLE" -> 701;
            case "BLOB" -> 17;
            case "DATE" -> 1082;
            case "TIME" -> 1083;
            case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_S", "TIMESTAMP_SEC" -> 1114;
            case "TIMESTAMP_TZ", "TIMESTAMPTZ" -> 1184;
            case "TIME_TZ", "TIMETZ" -> 1266;
            case "INTERVAL" -> 1186;
            case "UUID" -> 2950;
            case "JSON" -> 114;
            case "BIT" -> 1562;
            default -> 25;
        };
    }

    /** typmod of an engine type: numeric(p,s) as ((p &lt;&lt; 16) | s) + 4, else -1. */
    public static int typmodOf(LogicalType t) {
        return t.id().name().equals("DECIMAL") ? ((t.precision() << 16) | t.scale()) + 4 : -1;
    }

    /** PostgreSQL's {@code format_type(oid, typmod)}: {@code integer}, {@code numeric(10,2)}, {@code character varying(20)}. */
    public static String formatType(int oid, int typmod) {
        PgType t = BY_OID.get(oid);
        if (t == null) return "???";
        String name = t.sqlName();
        if (typmod < 0) return name;
        if (oid == 1700) return "numeric(" + ((typmod - 4) >> 16) + "," + ((typmod - 4) & 0xffff) + ")";
        if (oid == 1043 || oid == 1042) return name + "(" + (typmod - 4) + ")";
        if (oid == 1114 || oid == 1184) return name.replace("timestamp", "timestamp(" + typmod + ")");
        return name;
    }
}
