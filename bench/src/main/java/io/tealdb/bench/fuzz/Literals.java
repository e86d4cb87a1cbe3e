package io.tealdb.bench.fuzz;

import io.tealdb.types.LogicalType;

import java.util.Random;

/**
 * Literals of a type for the query generator: ordinary values most of the time, the type's
 * extremes (minimum, maximum, infinities, NaN, 24:00:00, empty strings and lists) often enough
 * that every operator meets them, and typed NULLs.
 */
public final class Literals {
    private final Random rnd;

    public Literals(Random rnd) {
        this.rnd = rnd;
    }

    /** A literal of {@code type}, written so that it has that type (a cast where the bare literal would not). */
    public String of(LogicalType type) {
        if (rnd.nextInt(12) == 0) return "CAST(NULL AS " + type + ")";
        boolean extreme = rnd.nextInt(3) == 0;
        return switch (type.id()) {
            case BOOLEAN -> rnd.nextBoolean() ? "true" : "false";
            case TINYINT -> cast(extreme ? pick("-128", "127", "0") : small(), type);
            case SMALLINT -> cast(extreme ? pick("-32768", "32767") : small(), type);
            case INTEGER -> extreme ? pick("2147483647", "(-2147483648)::INTEGER", "0", "-1") : small();
            case BIGINT -> cast(extreme ? pick("9223372036854775807", "-9223372036854775808", "- -1") : small(), type);
            case HUGEINT -> cast(extreme ? pick("170141183460469231731687303715884105727", "-170141183460469231731687303715884105728") : small(), type);
            case UBIGINT -> cast(extreme ? pick("18446744073709551615", "0") : String.valueOf(rnd.nextInt(1000)), type);
            case UTINYINT -> cast(extreme ? pick("255", "0") : String.valueOf(rnd.nextInt(256)), type);
            case FLOAT, DOUBLE -> cast(extreme ? pick("'nan'", "'inf'", "'-inf'", "1e308", "-1e308", "4.9e-324", "-0.0", "3.4e38")
                    : rnd.nextInt(2000) - 1000 + "." + rnd.nextInt(100), type);
            case DECIMAL -> cast(extreme ? pick("99999999999999.999", "-99999999999999.999", "0.001", "'99999999999999999999999999.9999999999'")
                    : rnd.nextInt(2000) - 1000 + "." + rnd.nextInt(1000), type);
            case VARCHAR -> extreme ? pick("''", "'%'", "'_'", "'\\'", "'*a*a*a*a*a*a*b'", "repeat('a', 10000)", "'ÄÖÜ😀'",
                    "'2020-01-01'", "'24:00:00'", "'nan'", "'-9223372036854775809'", "chr(0)", "'[1, 2'", "'{\"a\": [1, {\"b\": null}]}'")
                    : "'" + word() + "'";
            case BLOB -> extreme ? pick("''::BLOB", "'\\x00\\xFF'::BLOB", "repeat('\\xAA', 1000)::BLOB") : "'" + word() + "'::BLOB";
            case DATE -> "DATE " + (extreme ? pick("'0001-01-01'", "'9999-12-31'", "'infinity'", "'-infinity'", "'5881580-07-10'", "'1970-01-01'")
                    : "'" + (1900 + rnd.nextInt(200)) + "-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(10) + "'");
            case TIME -> "TIME " + (extreme ? pick("'24:00:00'", "'00:00:00'", "'23:59:59.999999'")
                    : "'" + (10 + rnd.nextInt(14)) + ":" + (10 + rnd.nextInt(50)) + ":00'");
            case TIMESTAMP -> "TIMESTAMP " + (extreme ? pick("'294247-01-10 04:00:54.775806'", "'-290308-12-21 (BC) 19:59:05.224193'",
                    "'infinity'", "'-infinity'", "'1970-01-01 00:00:00'") : "'20" + (10 + rnd.nextInt(20)) + "-05-0" + (1 + rnd.nextInt(9)) + " 12:34:56'");
            case TIMESTAMP_TZ -> "TIMESTAMPTZ " + (extreme ? pick("'294247-01-09 04:00:54.775806+00'", "'infinity'", "'1970-01-01 00:00:00+14'")
                    : "'2021-03-0" + (1 + rnd.nextInt(9)) + " 10:00:00+02'");
            case INTERVAL -> extreme ? pick("INTERVAL '2147483647 months'", "INTERVAL '-2147483648 days'", "INTERVAL '9223372036854775807 microseconds'",
                    "INTERVAL 0 SECOND") : "INTERVAL " + rnd.nextInt(100) + " " + pick("DAY", "HOUR", "MONTH", "MINUTE", "YEAR");
            case UUID -> "UUID " + (extreme ? pick("'00000000-0000-0000-0000-000000000000'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'")
                    : "'" + new java.util.UUID(rnd.nextLong(), rnd.nextLong()) + "'");
            case LIST -> list(type.children().get(0).type(), extreme);
            default -> "CAST(NULL AS " + type + ")";
        };
    }

    private String list(LogicalType element, boolean extreme) {
        if (extreme && rnd.nextBoolean()) return pick("[]", "[NULL]") + "::" + element + "[]";
        int n = extreme ? 1 + rnd.nextInt(50) : 1 + rnd.nextInt(4);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) sb.append(i > 0 ? ", " : "").append(of(element));
        return sb.append("]::").append(element).append("[]").toString();
    }

    private String small() {
        return String.valueOf(rnd.nextInt(201) - 100);
    }

    private String word() {
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(6); i > 0; i--) sb.append((char) ('a' + rnd.nextInt(4)));
        return sb.toString();
    }

    private static String cast(String v, LogicalType type) {
        return "CAST(" + v + " AS " + type + ")";
    }

    private String pick(String... options) {
        return options[rnd.nextInt(options.length)];
    }
}
