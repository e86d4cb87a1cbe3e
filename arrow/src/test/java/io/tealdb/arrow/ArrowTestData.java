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

    private ArrowTestData() {
    }
}
