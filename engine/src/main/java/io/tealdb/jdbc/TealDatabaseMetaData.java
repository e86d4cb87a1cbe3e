package io.tealdb.jdbc;

import io.tealdb.JavaValues;
import io.tealdb.session.QueryResult;
import io.tealdb.types.LogicalType;
import io.tealdb.vector.DataChunk;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Database metadata. Catalog information comes from plain SELECTs over the engine's
 * information_schema views (tables, columns, schemata, table_constraints, key_column_usage);
 * LIKE-pattern filtering, sorting and the shaping into JDBC's column layout happen here in Java, so
 * the engine only needs to answer {@code SELECT <columns> FROM information_schema.<view>}.
 */
final class TealDatabaseMetaData implements DatabaseMetaData {
    private final TealConnection connection;

    TealDatabaseMetaData(TealConnection connection) {
        this.connection = connection;
    }

    // ---------------------------------------------------------------- helpers

    /** Runs a catalog query and returns its rows as API Java objects. */
    private List<Object[]> query(String sql) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (QueryResult qr = connection.context().execute(sql, List.of())) {
            DataChunk c;
            while ((c = qr.nextChunk()) != null) {
                for (int r = 0; r < c.size(); r++) {
                    Object[] row = new Object[c.columnCount()];
                    for (int col = 0; col < row.length; col++) {
                        row[col] = JavaValues.toJava(c.column(col), r);
                    }
                    rows.add(row);
                }
            }
        } catch (RuntimeException e) {
            throw JdbcErrors.toSql(e);
        }
        return rows;
    }

    /** JDBC LIKE pattern (% _ and the \ escape); null matches everything. */
    static boolean matches(String pattern, String value) {
        if (pattern == null) {
            return true;
        }
        if (value == null) {
            return false;
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Integer integer(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }

    private static List<LogicalType> varchars(int n) {
        LogicalType[] t = new LogicalType[n];
        Arrays.fill(t, LogicalType.VARCHAR);
        return Arrays.asList(t);
    }

    private ResultSet result(List<String> names, List<LogicalType> types, List<Object[]> rows) {
        return TealResultSet.of(null, new MaterializedResult(names, types, rows));
    }

    private ResultSet emptyResult(String... names) {
        return result(List.of(names), varchars(names.length), List.of());
    }

    private static String jdbcTableType(String infoSchemaType) {
        if (infoSchemaType == null) {
            return null;
        }
        return switch (infoSchemaType.toUpperCase(Locale.ROOT)) {
            case "BASE TABLE" -> "TABLE";
            default -> infoSchemaType.toUpperCase(Locale.ROOT);
        };
    }

    // ---------------------------------------------------------------- catalog queries

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
        Set<String> wanted = types == null ? null : new HashSet<>(Arrays.asList(types));
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : query("SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables")) {
            String type = jdbcTableType(str(r[3]));
            if ((catalog == null || catalog.equals(str(r[0]))) && matches(schemaPattern, str(r[1]))
                    && matches(tableNamePattern, str(r[2])) && (wanted == null || wanted.contains(type))) {
                out.add(new Object[]{str(r[0]), str(r[1]), str(r[2]), type, null, null, null, null, null, null});
            }
        }
        out.sort(Comparator.comparing((Object[] r) -> (String) r[3], Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(r -> (String) r[0], Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(r -> (String) r[1], Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(r -> (String) r[2], Comparator.nullsFirst(Comparator.naturalOrder())));
        return result(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM",
                "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION"), varchars(10), out);
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : query("SELECT table_catalog, table_schema, table_name, column_name, ordinal_position, column_default, "
                + "is_nullable, data_type, numeric_precision, numeric_scale FROM information_schema.columns")) {
            if (!((catalog == null || catalog.equals(str(r[0]))) && matches(schemaPattern, str(r[1]))
                    && matches(tableNamePattern, str(r[2])) && matches(columnNamePattern, str(r[3])))) {
                continue;
            }
            String typeName = str(r[7]);
            boolean nullable = !"NO".equalsIgnoreCase(str(r[6]));
            out.add(new Object[]{
                    str(r[0]), str(r[1]), str(r[2]), str(r[3]),
                    JdbcTypes.sqlTypeOfName(typeName), typeName, integer(r[8]), null, integer(r[9]), 10,
                    nullable ? columnNullable : columnNoNulls, null, str(r[5]), null, null, null,
                    integer(r[4]), nullable ? "YES" : "NO", null, null, null, null, "", ""});
        }
        out.sort(Comparator.comparing((Object[] r) -> (String) r[0], Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(r -> (String) r[1], Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(r -> (String) r[2], Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(r -> r[16] == null ? 0 : (Integer) r[16]));
        LogicalType v = LogicalType.VARCHAR;
        LogicalType i = LogicalType.INTEGER;
        LogicalType n = LogicalType.SQLNULL;
        return result(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE",
                        "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE",
                        "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA",
                        "SCOPE_TABLE", "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN"),
                List.of(v, v, v, v, i, v, i, n, i, i, i, v, v, n, n, n, i, v, n, n, n, n, v, v), out);
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : query("SELECT catalog_name, schema_name FROM information_schema.schemata")) {
            if ((catalog == null || catalog.equals(str(r[0]))) && matches(schemaPattern, str(r[1]))) {
                out.add(new Object[]{str(r[1]), str(r[0])});
            }
        }
        out.sort(Comparator.comparing((Object[] r) -> (String) r[1], Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(r -> (String) r[0], Comparator.nullsFirst(Comparator.naturalOrder())));
        return result(List.of("TABLE_SCHEM", "TABLE_CATALOG"), varchars(2), out);
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        Set<String> seen = new java.util.TreeSet<>();
        for (Object[] r : query("SELECT catalog_name, schema_name FROM information_schema.schemata")) {
            if (r[0] != null) {
                seen.add(str(r[0]));
            }
        }
        List<Object[]> out = new ArrayList<>();
        for (String c : seen) {
            out.add(new Object[]{c});
        }
        return result(List.of("TABLE_CAT"), varchars(1), out);
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        // constraint key -> name, for primary keys only
        java.util.Map<String, String> pkConstraints = new java.util.HashMap<>();
        for (Object[] r : query("SELECT table_catalog, table_schema, table_name, constraint_name, constraint_type "
                + "FROM information_schema.table_constraints")) {
            if ("PRIMARY KEY".equalsIgnoreCase(str(r[4]))) {
                pkConstraints.put(str(r[0]) + "\u0000" + str(r[1]) + "\u0000" + str(r[2]) + "\u0000" + str(r[3]), str(r[3]));
            }
        }
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : query("SELECT table_catalog, table_schema, table_name, column_name, ordinal_position, constraint_name "
                + "FROM information_schema.key_column_usage")) {
            String key = str(r[0]) + "\u0000" + str(r[1]) + "\u0000" + str(r[2]) + "\u0000" + str(r[5]);
            if (!pkConstraints.containsKey(key)) {
                continue;
            }
            if ((catalog == null || catalog.equals(str(r[0]))) && (schema == null || schema.equals(str(r[1])))
                    && (table == null || table.equals(str(r[2])))) {
                out.add(new Object[]{str(r[0]), str(r[1]), str(r[2]), str(r[3]), integer(r[4]), str(r[5])});
            }
        }
        out.sort(Comparator.comparing((Object[] r) -> (String) r[3]));
        return result(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"),
                List.of(LogicalType.VARCHAR, LogicalType.VARCHAR, LogicalType.VARCHAR, LogicalType.VARCHAR, LogicalType.INTEGER,
                        LogicalType.VARCHAR), out);
    }

    @Override
    public ResultSet getTableTypes() {
        List<Object[]> rows = new ArrayList<>();
        for (String t : new String[]{"LOCAL TEMPORARY", "TABLE", "VIEW"}) {
            rows.add(new Object[]{t});
        }
        return result(List.of("TABLE_TYPE"), varchars(1), rows);
    }

    @Override
    public ResultSet getTypeInfo() {
        List<Object[]> rows = new ArrayList<>();
        for (LogicalType t : new LogicalType[]{LogicalType.BOOLEAN, LogicalType.TINYINT, LogicalType.SMALLINT, LogicalType.INTEGER,
                LogicalType.BIGINT, LogicalType.HUGEINT, LogicalType.FLOAT, LogicalType.DOUBLE, LogicalType.decimal(38, 0),
                LogicalType.VARCHAR, LogicalType.BLOB, LogicalType.DATE, LogicalType.TIME, LogicalType.TIMESTAMP, LogicalType.INTERVAL}) {
            String name = t.id() == io.tealdb.types.TypeId.DECIMAL ? "DECIMAL" : t.toString();
            rows.add(new Object[]{name, JdbcTypes.sqlType(t), JdbcTypes.precision(t), null, null, null,
                    (int) typeNullable, t.id() == io.tealdb.types.TypeId.VARCHAR, (int) typeSearchable, !t.isNumeric(), false, false,
                    null, 0, t.id() == io.tealdb.types.TypeId.DECIMAL ? 38 : 0, null, null, 10});
        }
        LogicalType v = LogicalType.VARCHAR;
        LogicalType i = LogicalType.INTEGER;
        LogicalType b = LogicalType.BOOLEAN;
        return result(List.of("TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS", "NULLABLE",
                        "CASE_SENSITIVE", "SEARCHABLE", "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE", "AUTO_INCREMENT", "LOCAL_TYPE_NAME",
                        "MINIMUM_SCALE", "MAXIMUM_SCALE", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "NUM_PREC_RADIX"),
                List.of(v, i, i, v, v, v, i, b, i, b, b, b, v, i, i, i, i, i), rows);
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) {
        return emptyResult("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "RESERVED1", "RESERVED2", "RESERVED3", "REMARKS",
                "PROCEDURE_TYPE", "SPECIFIC_NAME");
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) {
        return emptyResult("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM",
                "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY");
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) {
        return getImportedKeys(catalog, schema, table);
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate) {
        return emptyResult("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER", "INDEX_NAME", "TYPE",
                "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY", "PAGES", "FILTER_CONDITION");
    }

    // ---------------------------------------------------------------- product and capabilities

    @Override
    public String getDatabaseProductName() {
        return "TealDB";
    }

    @Override
    public String getDatabaseProductVersion() {
        return "0.1.0";
    }

    @Override
    public String getDriverName() {
        return "TealDB JDBC";
    }

    @Override
    public String getDriverVersion() {
        return "0.1.0";
    }

    @Override
    public int getDriverMajorVersion() {
        return 0;
    }

    @Override
    public int getDriverMinorVersion() {
        return 1;
    }

    @Override
    public int getDatabaseMajorVersion() {
        return 0;
    }

    @Override
    public int getDatabaseMinorVersion() {
        return 1;
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 2;
    }

    @Override
    public String getURL() {
        return connection.url();
    }

    @Override
    public String getUserName() {
        return "";
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return connection.isReadOnly();
    }

    @Override
    public String getIdentifierQuoteString() {
        return "\"";
    }

    @Override
    public String getSearchStringEscape() {
        return "\\";
    }

    @Override
    public String getExtraNameCharacters() {
        return "";
    }

    @Override
    public String getSQLKeywords() {
        return "";
    }

    @Override
    public String getNumericFunctions() {
        return "";
    }

    @Override
    public String getStringFunctions() {
        return "";
    }

    @Override
    public String getSystemFunctions() {
        return "";
    }

    @Override
    public String getTimeDateFunctions() {
        return "";
    }

    @Override
    public String getSchemaTerm() {
        return "schema";
    }

    @Override
    public String getProcedureTerm() {
        return "procedure";
    }

    @Override
    public String getCatalogTerm() {
        return "catalog";
    }

    @Override
    public String getCatalogSeparator() {
        return ".";
    }

    @Override
    public boolean isCatalogAtStart() {
        return true;
    }

    @Override
    public boolean allTablesAreSelectable() {
        return true;
    }

    @Override
    public boolean nullsAreSortedAtEnd() {
        return true;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() {
        return true;
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() {
        return true;
    }

    @Override
    public boolean supportsColumnAliasing() {
        return true;
    }

    @Override
    public boolean nullPlusNonNullIsNull() {
        return true;
    }

    @Override
    public boolean supportsTableCorrelationNames() {
        return true;
    }

    @Override
    public boolean supportsExpressionsInOrderBy() {
        return true;
    }

    @Override
    public boolean supportsOrderByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupBy() {
        return true;
    }

    @Override
    public boolean supportsGroupByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsLikeEscapeClause() {
        return true;
    }

    @Override
    public boolean supportsNonNullableColumns() {
        return true;
    }

    @Override
    public boolean supportsMinimumSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() {
        return true;
    }

    @Override
    public boolean supportsOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsFullOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsLimitedOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        return true;
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInComparisons() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInExists() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInIns() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() {
        return true;
    }

    @Override
    public boolean supportsCorrelatedSubqueries() {
        return true;
    }

    @Override
    public boolean supportsUnion() {
        return true;
    }

    @Override
    public boolean supportsUnionAll() {
        return true;
    }

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_REPEATABLE_READ || level == Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        return true;
    }

    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getSQLStateType() {
        return sqlStateSQL;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    @Override
    public boolean supportsConvert() {
        return true;
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) {
        return fromType != Types.OTHER && toType != Types.OTHER;
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

    // ---------------------------------------------------------------- everything else: not supported / none

    @Override
    public boolean allProceduresAreCallable() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean deletesAreDetected(int arg0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean generatedKeyAlwaysReturned() throws java.sql.SQLException {
        return false;
    }

    @Override
    public java.sql.ResultSet getAttributes(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, java.lang.String arg3) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public java.sql.ResultSet getBestRowIdentifier(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, int arg3, boolean arg4) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public java.sql.ResultSet getClientInfoProperties() throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public java.sql.ResultSet getColumnPrivileges(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, java.lang.String arg3) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public java.sql.ResultSet getCrossReference(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, java.lang.String arg3, java.lang.String arg4, java.lang.String arg5) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public java.sql.ResultSet getFunctionColumns(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, java.lang.String arg3) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public java.sql.ResultSet getFunctions(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public int getMaxBinaryLiteralLength() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxCatalogNameLength() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxCharLiteralLength() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxColumnNameLength() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxColumnsInGroupBy() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxColumnsInIndex() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxColumnsInOrderBy() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxColumnsInSelect() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxColumnsInTable() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxConnections() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxCursorNameLength() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxIndexLength() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxProcedureNameLength() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxRowSize() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxSchemaNameLength() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxStatementLength() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxStatements() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxTableNameLength() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxTablesInSelect() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public int getMaxUserNameLength() throws java.sql.SQLException {
        return 0;
    }

    @Override
    public java.sql.ResultSet getProcedureColumns(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, java.lang.String arg3) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public java.sql.ResultSet getPseudoColumns(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, java.lang.String arg3) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public java.sql.ResultSet getSuperTables(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public java.sql.ResultSet getSuperTypes(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public java.sql.ResultSet getTablePrivileges(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public java.sql.ResultSet getUDTs(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2, int[] arg3) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public java.sql.ResultSet getVersionColumns(java.lang.String arg0, java.lang.String arg1, java.lang.String arg2) throws java.sql.SQLException {
        return emptyResult();
    }

    @Override
    public boolean insertsAreDetected(int arg0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean locatorsUpdateCopy() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtStart() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean nullsAreSortedHigh() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean nullsAreSortedLow() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean othersDeletesAreVisible(int arg0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean othersInsertsAreVisible(int arg0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean othersUpdatesAreVisible(int arg0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean ownDeletesAreVisible(int arg0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean ownInsertsAreVisible(int arg0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean ownUpdatesAreVisible(int arg0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean storesLowerCaseIdentifiers() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsANSI92FullSQL() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsCoreSQLGrammar() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsExtendedSQLGrammar() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsGetGeneratedKeys() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsGroupByBeyondSelect() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsMultipleOpenResults() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsMultipleResultSets() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsMultipleTransactions() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsNamedParameters() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsPositionedDelete() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsPositionedUpdate() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsSavepoints() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsSelectForUpdate() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsStatementPooling() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean supportsStoredProcedures() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean updatesAreDetected(int arg0) throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean usesLocalFilePerTable() throws java.sql.SQLException {
        return false;
    }

    @Override
    public boolean usesLocalFiles() throws java.sql.SQLException {
        return false;
    }
}
