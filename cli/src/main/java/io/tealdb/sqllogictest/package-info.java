/**
 * A sqllogictest runner for DuckDB's test-file dialect (shared/sqllogictest/FORMAT.md) that talks
 * to a database only through {@code java.sql}.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link io.tealdb.sqllogictest.SltParser} turns a file into {@link io.tealdb.sqllogictest.SltRecord}s.</li>
 *   <li>{@link io.tealdb.sqllogictest.SltRunner} executes them against a fresh
 *       {@link io.tealdb.sqllogictest.TestDatabase} per file, obtained from a
 *       {@link io.tealdb.sqllogictest.TestDatabaseFactory} (by URL: {@link io.tealdb.sqllogictest.JdbcUrlDatabaseFactory}).
 *       Relative paths such as {@code data/csv/x.csv} resolve against a scratch "repository root"
 *       ({@code data -> duckdb-data}, {@code test/sql -> duckdb}); the factory tells the engine about it
 *       (default: {@code SET file_search_path = '<root>'}).</li>
 *   <li>{@link io.tealdb.sqllogictest.ValueRenderer} and {@link io.tealdb.sqllogictest.ResultChecker}
 *       render and compare values as DuckDB's runner does.</li>
 *   <li>{@link io.tealdb.sqllogictest.SqlLogicTestMain}: {@code teal sqllogictest [--url U] [--data D]
 *       [--list-passing F] [--extensions parquet,json] [--lenient-errors] [-v] PATH...}.</li>
 * </ul>
 *
 * <h2>What the runner expects from a JDBC driver</h2>
 * <ul>
 *   <li>{@code Statement.execute} returns true for statements with a result set; non-query
 *       statements report an update count (0 for DDL).</li>
 *   <li>{@code getObject} returns standard classes: Boolean, Byte/Short/Integer/Long/BigInteger,
 *       BigDecimal (with the column's scale), Float/Double, String, LocalDate, LocalTime,
 *       LocalDateTime (or java.sql.Timestamp plus {@code getObject(i, LocalDateTime.class)}), UUID,
 *       byte[]. The runner formats these like DuckDB's {@code CAST(x AS VARCHAR)}.</li>
 *   <li>For any other value (LIST, STRUCT, MAP, INTERVAL, ...) {@code getString} must return the
 *       engine's VARCHAR rendering ({@code [1, 2, NULL]}, {@code {'a': 1}}, {@code 1 year 2 days}).</li>
 *   <li>{@code ResultSetMetaData.getColumnType}/{@code getColumnTypeName} identify numeric, DECIMAL
 *       (scale from the type name {@code DECIMAL(p,s)} or {@code getScale}) and BOOLEAN columns;
 *       names such as HUGEINT or UBIGINT count as integers.</li>
 *   <li>Errors are {@code SQLException}s whose message starts like DuckDB's
 *       ({@code "Binder Error: ..."}); any other throwable fails the record as a driver bug.</li>
 *   <li>{@code Statement.cancel()} stops a running statement (used after the per-statement timeout).</li>
 * </ul>
 */
package io.tealdb.sqllogictest;
