package io.tealdb.arrow;

/** One query over generated data with every TealDB type and NULLs, crossing several 2048-row chunks. */
final class ArrowTestData {
    static final int ROWS = 10_000;

    /** Valid in both TealDB and DuckDB; {@code i} makes the row order checkable. */
    static final String ALL_TYPES = """
            SELECT i,
                   CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS b,
                   (i % 200 - 100)::TINYINT AS ti,
                   CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 3 - 15000)::SMALLINT END AS si,
                   (i * 1000 - 5000000)::INTEGER AS ii,
                   CASE WHEN i % 5 = 0 THEN NULL ELSE i * 1000000007 - 4000000000 END AS bi,
                   (i::HUGEINT * 1000000000000000000 - 7) AS hi,
                   (i / 4.0)::FLOAT AS f,
                   CASE WHEN i % 13 = 0 THEN NULL ELSE i / 7.0 - 300 END::DOUBLE AS d,
                   (i / 100.0 - 20)::DECIMAL(9,2) AS d9,
                   (i * 12345.678 - 99999)::DECIMAL(18,3) AS d18,
                   (i::DECIMAL(38,10) * 12345678901234567.123 - 1)::DECIMAL(38,10) AS d38,
                   CASE WHEN i % 3 = 0 THEN NULL WHEN i % 3 = 1 THEN 'short' || i ELSE 'a somewhat longer string value ' || i END AS s,
                   ('blob' || i)::BLOB AS bl,
                   DATE '1969-12-01' + (i * 3)::INTEGER AS dt,
                   TIME '00:00:01' + INTERVAL (i * 7) SECOND AS tm,
                   TIMESTAMP '1969-06-01 12:34:56.789' + INTERVAL (i * 3601) SECOND AS ts,
                   CASE WHEN i % 17 = 0 THEN NULL ELSE INTERVAL (i % 30) DAY + INTERVAL (i % 14) MONTH + INTERVAL (i * 1001) MICROSECOND END AS iv
            FROM range(ROWS_N) t(i)
            """.replace("ROWS_N", Integer.toString(ROWS));

    /**
     * Nested types (NULLs at every level, nested to depth three) and the newer scalar types, valid in
     * both TealDB and DuckDB; {@code i} orders the rows.
     */
    static final String NESTED_TYPES = """
            SELECT i,
                   CASE WHEN i % 9 = 0 THEN NULL WHEN i % 9 = 1 THEN []
                        ELSE [i, NULL, i * 2, i % 5] END AS li,
                   CASE WHEN i % 11 = 0 THEN NULL ELSE ['s' || i, NULL, 'a longer string ' || (i * 7)] END AS ls,
                   CASE WHEN i % 13 = 0 THEN NULL ELSE [[i, i + 1], NULL, [], [NULL, i % 3]] END AS lli,
                   CASE WHEN i % 7 = 0 THEN NULL
                        ELSE {'a': CASE WHEN i % 3 = 0 THEN NULL ELSE i END, 'b': 'v' || i, 'c': [i % 4, i % 6]} END AS st,
                   CASE WHEN i % 5 = 0 THEN NULL
                        ELSE [{'x': i, 'y': CASE WHEN i % 2 = 0 THEN NULL ELSE [i::DOUBLE / 4] END}, NULL] END AS lst,
                   CASE WHEN i % 6 = 0 THEN NULL ELSE MAP {'k' || (i % 10): i, 'z': CASE WHEN i % 4 = 0 THEN NULL ELSE i * 3 END} END AS m,
                   CASE WHEN i % 8 = 0 THEN NULL ELSE [i, CASE WHEN i % 3 = 0 THEN NULL ELSE -i END, 7]::INTEGER[3] END AS arr,
                   CASE WHEN i % 10 = 0 THEN NULL ELSE md5(i::VARCHAR)::UUID END AS u,
                   TIMESTAMPTZ '2021-03-28 00:30:00+00' + INTERVAL (i * 37) MINUTE AS tz,
                   (TIMESTAMP '1969-12-30 10:00:00' + INTERVAL (i * 3601) SECOND)::TIMESTAMP_S AS ts_s,
                   (TIMESTAMP '1969-12-30 10:00:00.123' + INTERVAL (i * 3601) SECOND)::TIMESTAMP_MS AS ts_ms,
                   (TIMESTAMP '1969-12-30 10:00:00.123456' + INTERVAL (i * 3601) SECOND)::TIMESTAMP_NS AS ts_ns,
                   CASE WHEN i % 4 = 0 THEN NULL ELSE (i::UHUGEINT * 1000000000000000000000) END AS uh,
                   (i % 200)::UTINYINT AS ut,
                   (i * 70000)::UINTEGER AS ui,
                   (i::UBIGINT * 1000000000000000) AS ub,
                   (i / 10.0 - 300)::DECIMAL(4,1) AS d4,
                   CASE WHEN i % 12 = 0 THEN NULL ELSE ('{"k": ' || i || ', "l": [1, 2]}')::JSON END AS j
            FROM range(ROWS_N) t(i)
            """.replace("ROWS_N", Integer.toString(ROWS));

    private ArrowTestData() {
    }
}
