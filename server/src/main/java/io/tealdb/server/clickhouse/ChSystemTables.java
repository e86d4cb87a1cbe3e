package io.tealdb.server.clickhouse;

/**
 * ClickHouse's {@code system.*} tables as queries over TealDB's catalog (information_schema), so
 * they compose with WHERE, JOIN and ORDER BY like any table. The database {@code default} is
 * TealDB's schema {@code main}.
 */
final class ChSystemTables {
    private ChSystemTables() {
    }

    static final String DB = "CASE table_schema WHEN 'main' THEN 'default' ELSE table_schema END";
    static final String USER_SCHEMAS = "table_schema NOT IN ('information_schema', 'pg_catalog', '" + ChColumnTypes.SCHEMA + "')";

    static String query(String name, String currentDb) {
        return switch (name) {
            case "one" -> "(SELECT CAST(0 AS UTINYINT) AS dummy)";
            case "numbers", "numbers_mt" -> "(SELECT CAST(range AS UBIGINT) AS number FROM range(0, 9223372036854775807))";
            case "settings" -> settings();
            case "databases" -> "(SELECT CASE schema_name WHEN 'main' THEN 'default' ELSE schema_name END AS name, 'Atomic' AS engine,"
                    + " '' AS data_path, '' AS metadata_path, CAST(NULL AS UUID) AS uuid, '' AS comment FROM information_schema.schemata"
                    + " WHERE catalog_name <> '" + io.tealdb.session.ClientContext.TEMP_CATALOG + "'"
                    + " AND schema_name NOT IN ('information_schema', 'pg_catalog', '" + ChColumnTypes.SCHEMA + "'))";
            case "tables" -> "(SELECT " + DB + " AS database, table_name AS name,"
                    + " CASE table_type WHEN 'VIEW' THEN 'View' WHEN 'LOCAL TEMPORARY' THEN 'Memory' ELSE 'MergeTree' END AS engine,"
                    + " CASE table_type WHEN 'VIEW' THEN 'View' ELSE 'MergeTree' END AS engine_full,"
                    + " CAST(table_type = 'LOCAL TEMPORARY' AS UTINYINT) AS is_temporary, '' AS comment, CAST(NULL AS UUID) AS uuid"
                    + " FROM information_schema.tables WHERE " + USER_SCHEMAS + ")";
            case "columns" -> "(SELECT " + DB + " AS database, table_name AS \"table\", column_name AS name,"
                    + " clickhouse_column_type(table_schema, table_name, column_name, data_type, is_nullable) AS type,"
                    + " CAST(ordinal_position AS UINTEGER) AS position, CASE WHEN generation_expression IS NOT NULL"
                    + " THEN coalesce(clickhouse_column_kind(table_schema, table_name, column_name), 'ALIAS')"
                    + " WHEN column_default IS NULL THEN '' ELSE 'DEFAULT' END AS default_kind,"
                    + " coalesce(generation_expression, column_default, '') AS default_expression, '' AS comment FROM information_schema.columns WHERE "
                    + USER_SCHEMAS + ")";
            case "functions" -> "(SELECT DISTINCT function_name AS name, CAST(function_type = 'aggregate' AS UTINYINT) AS is_aggregate,"
                    + " '' AS alias_to FROM duckdb_functions())";
            case "build_options" -> "(SELECT 'VERSION_FULL' AS name, 'TealDB " + ChErrors.VERSION + "' AS value)";
            case "processes", "mutations", "parts", "replicas", "clusters", "disks", "users", "roles", "dictionaries", "query_log" ->
                    "(SELECT '' AS name WHERE false)";
            default -> throw new ChException(60, "UNKNOWN_TABLE", "Table system." + name + " does not exist");
        };
    }

    private static String settings() {
        StringBuilder sb = new StringBuilder("(SELECT name, value, CAST(0 AS UTINYINT) AS changed, '' AS description, '' AS min, '' AS max,"
                + " CAST(0 AS UTINYINT) AS readonly, type, CAST(0 AS UTINYINT) AS is_obsolete, 'Production' AS tier FROM (VALUES ");
        for (int i = 0; i < ChSettings.KNOWN.length; i++) {
            String[] s = ChSettings.KNOWN[i];
            if (i > 0) sb.append(", ");
            sb.append("('").append(s[0]).append("', '").append(s[1]).append("', '").append(s[2]).append("')");
        }
        return sb.append(") AS s(name, value, type))").toString();
    }
}
